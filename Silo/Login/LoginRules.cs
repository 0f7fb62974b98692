using Orleans.Bcp.Grains.Abstractions.Login;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Silo.Login;

/// <summary>The table in docs/api.md "Login options and voice routing": BCP type × active side → how the user logs in.</summary>
public static class LoginRules
{
    /// <summary>How a user of the primary tenant logs in, given which side is active.</summary>
    public static LoginMode ModeOf(string bcpType, PairRole activeSide) => (bcpType, activeSide) switch
    {
        (BcpTypes.Multiple, _) => LoginMode.Selector,
        (BcpTypes.Single, _) => LoginMode.Direct,
        (_, PairRole.Primary) => LoginMode.Direct,
        _ => LoginMode.Denied,
    };
}

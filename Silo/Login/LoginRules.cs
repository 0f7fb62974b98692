using Orleans.Bcp.Grains.Abstractions.Login;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Silo.Login;

/// <summary>The table of spec §3.8: BCP type × active side → how the user logs in.</summary>
public static class LoginRules
{
    public const string None = "none";
    public const string Single = "single";
    public const string Multiple = "multiple";

    public static IReadOnlyList<string> BcpTypes { get; } = [None, Single, Multiple];

    /// <summary>How a user of the primary tenant logs in, given which side is active.</summary>
    public static LoginMode ModeOf(string bcpType, PairRole activeSide) => (bcpType, activeSide) switch
    {
        (Multiple, _) => LoginMode.Selector,
        (Single, _) => LoginMode.Direct,
        (_, PairRole.Primary) => LoginMode.Direct,
        _ => LoginMode.Denied,
    };

    /// <summary>An unknown or missing type counts as none: no BCP access unless granted.</summary>
    public static string Normalize(string? bcpType) => bcpType is Single or Multiple ? bcpType : None;
}

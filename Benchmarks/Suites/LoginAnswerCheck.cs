using System.Text.Json;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// Whether a login options answer is the one the login rules ask for (docs/api.md, "Login options and voice
/// routing"), given the user's BCP type and the side that is active: a fast answer that sends an agent to the
/// wrong tenant is worth nothing.
/// </summary>
internal static class LoginAnswerCheck
{
    /// <summary>Null when the answer is right; otherwise what is wrong with it.</summary>
    public static string? Problem(HotPathUser user, string activeSide, JsonElement answer)
    {
        var pair = user.Pair.Pair;
        var activeTenant = activeSide == "bcp" ? pair.BcpTenantId : pair.PrimaryTenantId;
        if (!string.Equals(answer.GetProperty("username").GetString(), user.Username, StringComparison.OrdinalIgnoreCase))
        {
            return $"answered for {answer.GetProperty("username")}";
        }

        if (answer.GetProperty("activeSide").GetString() != activeSide)
        {
            return $"active side {answer.GetProperty("activeSide")}, expected {activeSide}";
        }

        var mode = answer.GetProperty("mode").GetString();
        var tenants = answer.GetProperty("tenants").EnumerateArray().ToArray();
        var expectedMode = user.BcpType == BcpTypes.Multiple ? "selector" : user.BcpType == BcpTypes.None && activeSide == "bcp" ? "denied" : "direct";
        if (mode != expectedMode || answer.GetProperty("bcpType").GetString() != user.BcpType)
        {
            return $"{user.BcpType} user got mode {mode} (bcpType {answer.GetProperty("bcpType")}), expected {expectedMode}";
        }

        return expectedMode switch
        {
            "direct" when answer.GetProperty("target").GetProperty("tenantId").GetString() != activeTenant || tenants.Length != 1 =>
                $"direct to {answer.GetProperty("target").GetProperty("tenantId")}, expected {activeTenant}",
            "selector" when tenants.Length != 2 || tenants.Count(tenant => tenant.GetProperty("active").GetBoolean()) != 1 ||
                tenants.Single(tenant => tenant.GetProperty("active").GetBoolean()).GetProperty("tenantId").GetString() != activeTenant =>
                $"selector does not mark {activeTenant} (alone) as active",
            "denied" when tenants.Length != 0 => "denied but offers tenants",
            _ => null,
        };
    }
}

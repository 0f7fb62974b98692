using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Silo.Drills;

/// <summary>The status a pair would have right after a switch to a side: what a drill asks the login and routing reads about.</summary>
public static class WouldBeStatus
{
    public static PairStatus Of(PairStatus pair, PairRole side)
    {
        if (pair.ActiveSide == side)
        {
            return pair;
        }

        var active = side == PairRole.Primary ? pair.Primary : pair.Bcp;
        return pair with { ActiveSide = side, ActiveTenantId = active.TenantId, ActiveAccountName = active.AccountName, Epoch = pair.Epoch + 1 };
    }
}

using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Login;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// What a silo keeps for 100 pairs × 10,000 users, measured in this process: the managed heap taken
/// by the login's real <see cref="KeptLogins"/> holding that many usernames, each with
/// its own strings as a store read would give it. (Writing a million users and claims into SQLite
/// through the product takes hours here, so the Api itself is measured with fewer; see the report.)
/// </summary>
internal static class KeptLoginMemory
{
    /// <summary>The heap taken with every username kept (no bound reached), and what the kept entries say they weigh.</summary>
    public static (long HeapBytes, long WeightBytes) Unbounded(int pairs, int usersPerPair)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var kept = new KeptLogins(TimeProvider.System, long.MaxValue);
        Fill(kept, pairs, usersPerPair, _ => { });
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(kept);
        return (after - before, kept.Bytes);
    }

    /// <summary>
    /// The heap taken after <paramref name="usernames"/> usernames were kept under a bound of <paramref name="maxBytes"/>,
    /// and the most the kept entries weighed at any point (checked after every username).
    /// </summary>
    public static (long HeapBytes, long MostWeight) Bounded(long maxBytes, int usernames)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var kept = new KeptLogins(TimeProvider.System, maxBytes);
        var most = 0L;
        Fill(kept, pairs: 100, usersPerPair: usernames / 100, _ => most = Math.Max(most, kept.Bytes));
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(kept);
        return (after - before, most);
    }

    private static void Fill(KeptLogins kept, int pairs, int usersPerPair, Action<int> afterEach)
    {
        var stamp = Guid.NewGuid().ToString("N");
        for (var pair = 0; pair < pairs; pair++)
        {
            var tenantId = Guid.NewGuid().ToString("N");
            for (var i = 0; i < usersPerPair; i++)
            {
                var username = $"agent{i:D5}@tenant{pair:D3}.example";
                var tenant = new TenantLocation(new string(tenantId.AsSpan()), new string("us-east".AsSpan()));
                var claim = new UsernameClaim(new string(username.AsSpan()), tenant, Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, Guid.NewGuid().ToString("N"));
                var key = UsernameKey.Normalize(new string(username.AsSpan()));
                var keptClaim = kept.KeepClaim(key, claim);
                kept.KeepUser(key, keptClaim, new string(username.AsSpan()), new string(BcpTypes.Multiple.AsSpan()), new string(stamp.AsSpan()));
                afterEach(i);
            }
        }
    }
}

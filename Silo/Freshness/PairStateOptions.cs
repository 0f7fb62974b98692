namespace Orleans.Bcp.Silo.Freshness;

/// <summary>Section <c>PairState</c>: how long a silo trusts the pair and tenant state it keeps for the hot paths (<see cref="PairStateCache"/>).</summary>
public sealed class PairStateOptions
{
    /// <summary>
    /// The backstop: an entry read longer ago than this is read again (and its subscription renewed) on its
    /// next use, pushed or not. It must stay well under the pair's subscription lifetime (one minute), so a
    /// silo that keeps using a pair never lets its subscription lapse.
    /// </summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many pairs (and, apart, tenants) one silo keeps; when full, those not used lately are dropped and read again on use.</summary>
    public int Capacity { get; set; } = 100_000;

    /// <summary>
    /// How many pair ids found not to exist one silo keeps (<see cref="AbsentPairs"/>), apart from the kept pair
    /// states so that unknown ids never push real pairs out; when full, those not asked for lately are dropped.
    /// </summary>
    public int AbsentCapacity { get; set; } = 10_000;
}

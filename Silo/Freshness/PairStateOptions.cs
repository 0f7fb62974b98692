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
}

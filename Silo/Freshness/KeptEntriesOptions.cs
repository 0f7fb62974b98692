namespace Orleans.Bcp.Silo.Freshness;

/// <summary>
/// Section <c>KeptEntries</c>: the memory one silo gives to what the hot paths keep per username and per number
/// (<see cref="KeptEntries{TEntry}"/>). Past it the entries not used lately are dropped and read again from the store as they are asked for.
/// </summary>
public sealed class KeptEntriesOptions
{
    /// <summary>Bytes of kept usernames (claim and user): 256 MiB, about 900,000 usernames.</summary>
    public long LoginMaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Bytes of kept voice numbers (claim and point of contact): 64 MiB.</summary>
    public long NumberMaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Bytes of what the readiness checks keep (each entity's facts, each type's listing, each pair's correlations): 128 MiB.
    /// Half goes to the facts (three eighths to each entity's, an eighth to each type's last set), a quarter to the listings and
    /// a quarter to the correlations (the properties below).
    /// </summary>
    public long ReadinessMaxBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>The entities' facts, each at its version (three eighths of <see cref="ReadinessMaxBytes"/>).</summary>
    public long ReadinessFactBytes => ReadinessMaxBytes / 8 * 3;

    /// <summary>The last complete set of facts per tenant and type (an eighth: its entries point at facts counted above).</summary>
    public long ReadinessFactSetBytes => ReadinessMaxBytes / 8;

    /// <summary>The listings (id → version) per tenant and type (a quarter).</summary>
    public long ReadinessListingBytes => ReadinessMaxBytes / 4;

    /// <summary>The correlations per pair and type (a quarter).</summary>
    public long ReadinessCorrelationBytes => ReadinessMaxBytes / 4;
}

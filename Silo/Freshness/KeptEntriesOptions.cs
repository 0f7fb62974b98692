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
    /// Shared out by the properties below: three sixteenths to the entities' facts, three to each type's last set of them, a
    /// quarter to the listings, a quarter to the correlations and an eighth to the pairs' last reports.
    /// </summary>
    public long ReadinessMaxBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>The entities' facts, each at its version (three sixteenths of <see cref="ReadinessMaxBytes"/>).</summary>
    public long ReadinessFactBytes => ReadinessMaxBytes / 16 * 3;

    /// <summary>
    /// The last complete set of facts per tenant and type with the listing it was made for (three sixteenths): it holds them
    /// while it is kept, so it weighs them, though the facts' map and the listings may keep the same objects.
    /// </summary>
    public long ReadinessFactSetBytes => ReadinessMaxBytes / 16 * 3;

    /// <summary>The listings (id → version) per tenant and type (a quarter).</summary>
    public long ReadinessListingBytes => ReadinessMaxBytes / 4;

    /// <summary>The correlations per pair and type (a quarter).</summary>
    public long ReadinessCorrelationBytes => ReadinessMaxBytes / 4;

    /// <summary>Each pair's last report (an eighth).</summary>
    public long ReadinessReportBytes => ReadinessMaxBytes / 8;
}

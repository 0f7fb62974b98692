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
}

namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>Which entity types a sync copies.</summary>
[GenerateSerializer, Alias("bcp.SyncMode")]
public enum SyncMode
{
    /// <summary>All 11 types.</summary>
    Default,

    /// <summary>A chosen subset.</summary>
    Custom,
}

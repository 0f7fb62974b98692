namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>What started a run.</summary>
[GenerateSerializer, Alias("bcp.SyncTrigger")]
public enum SyncTrigger
{
    /// <summary>The daily reminder.</summary>
    Schedule,

    /// <summary>"Run now".</summary>
    Manual,
}

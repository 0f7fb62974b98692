namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>What started a run.</summary>
public enum SyncTrigger
{
    /// <summary>The daily reminder.</summary>
    Schedule,

    /// <summary>"Run now".</summary>
    Manual,
}

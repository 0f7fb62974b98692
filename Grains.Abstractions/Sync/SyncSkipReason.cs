namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>Why a run was skipped (JSON: <c>bcp-active</c>, <c>disabled</c>).</summary>
[GenerateSerializer, Alias("bcp.SyncSkipReason")]
public enum SyncSkipReason
{
    /// <summary>The BCP side is active: the BCP tenant is the live one, so nothing is copied onto it.</summary>
    BcpActive,

    /// <summary>Sync is disabled for the pair.</summary>
    Disabled,
}

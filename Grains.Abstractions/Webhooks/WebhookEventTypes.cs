namespace Orleans.Bcp.Grains.Abstractions.Webhooks;

/// <summary>The event types a webhook can subscribe to (docs/webhooks.md).</summary>
public static class WebhookEventTypes
{
    /// <summary>A switch changed the active side.</summary>
    public const string SwitchSucceeded = "switch.succeeded";

    /// <summary>A wrong passkey was refused (attempts refused by a lock raise no event of their own).</summary>
    public const string SwitchRejected = "switch.rejected";

    /// <summary>Too many wrong passkeys locked switching for a caller, or for the pair (one event per lock).</summary>
    public const string SwitchLocked = "switch.locked";

    /// <summary>A sync run ended with every selected type processed.</summary>
    public const string SyncSucceeded = "sync.succeeded";

    /// <summary>A sync run stopped on an error (or its worker died).</summary>
    public const string SyncFailed = "sync.failed";

    /// <summary>A sync run was skipped (the BCP side is active, or sync is disabled).</summary>
    public const string SyncSkipped = "sync.skipped";

    /// <summary>A sync run held deletes: more than the delete guard allows, or of a type the primary showed empty.</summary>
    public const string SyncDeletesHeld = "sync.deletes-held";

    /// <summary>A sync run stopped writing because the pair switched or another run took over (its cancel reason says which).</summary>
    public const string SyncCancelled = "sync.cancelled";

    /// <summary>The pair's readiness verdict changed.</summary>
    public const string ReadinessChanged = "readiness.changed";

    /// <summary>A drill (a switch rehearsed, nothing moved) ended, passed or failed.</summary>
    public const string DrillCompleted = "drill.completed";

    /// <summary>A passkey switch waits for a second person's approval (a switch request was made).</summary>
    public const string SwitchRequested = "switch.requested";

    /// <summary>The pair's approval settings changed.</summary>
    public const string ApprovalChanged = "approval.changed";

    /// <summary>Every type, in the order the API lists them.</summary>
    public static readonly IReadOnlyList<string> All =
        [SwitchSucceeded, SwitchRejected, SwitchLocked, SyncSucceeded, SyncFailed, SyncSkipped, SyncDeletesHeld, SyncCancelled, ReadinessChanged, DrillCompleted, SwitchRequested, ApprovalChanged];
}

namespace Orleans.Bcp.Grains.Abstractions.Webhooks;

/// <summary>The event types a webhook can subscribe to (README "Notifications").</summary>
public static class WebhookEventTypes
{
    /// <summary>A switch changed the active side.</summary>
    public const string SwitchSucceeded = "switch.succeeded";

    /// <summary>A switch was refused: wrong passkey, or switching locked.</summary>
    public const string SwitchRejected = "switch.rejected";

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

    /// <summary>Every type, in the order the API lists them.</summary>
    public static readonly IReadOnlyList<string> All =
        [SwitchSucceeded, SwitchRejected, SyncSucceeded, SyncFailed, SyncSkipped, SyncDeletesHeld, SyncCancelled, ReadinessChanged];
}

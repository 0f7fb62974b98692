using System.Collections.Immutable;

namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>One sync run, as the run history keeps it.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Trigger">Schedule or manual.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it ended (null while running).</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Counts">Per-type counts.</param>
/// <param name="Warnings">Entities left out and why (the first 500).</param>
/// <param name="Error">Why a failed run stopped: a fixed message per error code, never an exception's text.</param>
/// <param name="Progress">Per type, entities planned and done: live while the run is running, final when it ends
/// (null on runs recorded before progress was reported).</param>
/// <param name="SkipReason">Why a skipped run was skipped; null on every other run.</param>
/// <param name="HeldDeletes">Per type, the deletes the run did not make and why; null or empty when it held none.</param>
/// <param name="Release">The admin's release of those held deletes, once given.</param>
/// <param name="ErrorCode">A stable code for why a failed run stopped: <c>primary-unreadable</c>, <c>store-unavailable</c>,
/// <c>worker-stopped</c>, <c>run-error</c>.</param>
/// <param name="CancelReason">Why a cancelled run stopped writing; null on every other run.</param>
[GenerateSerializer, Immutable, Alias("bcp.SyncRunReport")]
public sealed record SyncRunReport(
    string RunId,
    SyncTrigger Trigger,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    SyncOutcome Outcome,
    ImmutableDictionary<string, TypeCounts> Counts,
    ImmutableList<SyncWarning> Warnings,
    string? Error,
    ImmutableDictionary<string, TypeProgress>? Progress = null,
    SyncSkipReason? SkipReason = null,
    ImmutableList<HeldDeletes>? HeldDeletes = null,
    DeletesRelease? Release = null,
    string? ErrorCode = null,
    SyncCancelReason? CancelReason = null);

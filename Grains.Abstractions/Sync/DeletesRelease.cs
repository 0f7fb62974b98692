namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>An admin's approval of a run's held deletes.</summary>
/// <param name="At">When it was given.</param>
/// <param name="UserId">Who gave it.</param>
/// <param name="TenantId">The tenant they signed in to.</param>
/// <param name="ApplyRunId">The run that applies the released deletes (re-checked against the primary as it is then).</param>
[GenerateSerializer, Immutable, Alias("bcp.DeletesRelease")]
public sealed record DeletesRelease(DateTimeOffset At, string UserId, string TenantId, string ApplyRunId);

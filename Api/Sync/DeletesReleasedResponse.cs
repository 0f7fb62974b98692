using System.Collections.Immutable;
using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Api.Sync;

/// <summary>Body of a 202 from <c>POST /tenant-pairs/{pairId}/sync/runs/{runId}/release-deletes</c>.</summary>
/// <param name="RunId">The run whose held deletes were released.</param>
/// <param name="ApplyRunId">The run that applies them (its report is at the Location answered).</param>
/// <param name="Released">Per type, the held deletes released: reason, count and primary ids.</param>
public sealed record DeletesReleasedResponse(string RunId, string ApplyRunId, ImmutableList<HeldDeletes> Released);

using System.Collections.Immutable;

namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>The held deletes a run may apply because an admin released them.</summary>
/// <param name="FromRunId">The run that held them.</param>
/// <param name="Released">Per type, the held deletes released (their reason and primary ids).</param>
[GenerateSerializer, Immutable, Alias("bcp.DeleteApproval")]
public sealed record DeleteApproval(string FromRunId, ImmutableList<HeldDeletes> Released);

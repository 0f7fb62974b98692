using System.Collections.Immutable;

namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>The answer to a release of held deletes.</summary>
/// <param name="Outcome">Released, or why not.</param>
/// <param name="RunId">When released, the run that applies them; when a run is running, that run.</param>
/// <param name="Released">When released, the held deletes released per type.</param>
[GenerateSerializer, Immutable, Alias("bcp.ReleaseDeletesResult")]
public sealed record ReleaseDeletesResult(ReleaseDeletesOutcome Outcome, string? RunId, ImmutableList<HeldDeletes> Released);

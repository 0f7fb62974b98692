namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>How far a run is with one entity type.</summary>
/// <param name="Planned">The primary entities of that type the run looks at (listed when the run began).</param>
/// <param name="Done">How many of them it has dealt with (copied, found unchanged or left out).</param>
[GenerateSerializer, Immutable, Alias("bcp.TypeProgress")]
public sealed record TypeProgress(int Planned, int Done);

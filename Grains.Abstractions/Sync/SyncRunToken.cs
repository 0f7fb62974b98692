namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>What a run's worker holds to show it may still write: the run and the generation it began in.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Generation">Counts the runs the pair's sync began, takeovers included: a later run always holds a higher one.</param>
[GenerateSerializer, Immutable, Alias("bcp.SyncRunToken")]
public sealed record SyncRunToken(string RunId, long Generation);

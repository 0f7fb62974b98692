namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>The answer to a request to start a run.</summary>
/// <param name="Started">Whether this request started the run <paramref name="RunId"/>.</param>
/// <param name="RunId">The started run, or the one already running.</param>
/// <param name="AlreadyDone">A scheduled tick that an earlier run already served.</param>
[GenerateSerializer, Immutable, Alias("bcp.StartRunResult")]
public sealed record StartRunResult(bool Started, string? RunId, bool AlreadyDone);

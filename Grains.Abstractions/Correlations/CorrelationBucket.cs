using System.Collections.Immutable;

namespace Orleans.Bcp.Grains.Abstractions.Correlations;

/// <summary>A bucket's correlations at a version, or only the version when the caller already has it.</summary>
/// <param name="Version">The version of the bucket's stored state; it changes with every write.</param>
/// <param name="Correlations">Every correlation in the bucket; null when the caller named this version.</param>
[GenerateSerializer, Immutable, Alias("bcp.CorrelationBucket")]
public sealed record CorrelationBucket(string Version, ImmutableList<Correlation>? Correlations);

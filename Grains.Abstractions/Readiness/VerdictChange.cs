namespace Orleans.Bcp.Grains.Abstractions.Readiness;

/// <summary>A pair's readiness verdict as last recorded, and the one before it when it differs.</summary>
/// <param name="Verdict">The verdict now.</param>
/// <param name="CheckedAt">When the report that gave it was computed.</param>
/// <param name="Previous">The verdict before, when this recording changed it; null when unchanged or first seen.</param>
[GenerateSerializer, Immutable, Alias("bcp.VerdictChange")]
public sealed record VerdictChange(ReadinessVerdict Verdict, DateTimeOffset CheckedAt, ReadinessVerdict? Previous);

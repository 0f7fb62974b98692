using Orleans.Bcp.Grains.Abstractions.Correlations;

namespace Orleans.Bcp.Grains.Correlations;

/// <summary>The correlations of one bucket, by primary id.</summary>
public sealed class EntityState
{
    public Dictionary<string, Correlation> ByPrimaryId { get; set; } = new(StringComparer.Ordinal);
}

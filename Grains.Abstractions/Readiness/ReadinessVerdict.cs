namespace Orleans.Bcp.Grains.Abstractions.Readiness;

/// <summary>Whether the BCP tenant of a pair would carry the calls if switched to now (any failing check: not ready; any warning: degraded).</summary>
[GenerateSerializer, Alias("bcp.ReadinessVerdict")]
public enum ReadinessVerdict
{
    /// <summary>Every check passes.</summary>
    Ready,

    /// <summary>No check fails, at least one warns.</summary>
    Degraded,

    /// <summary>At least one check fails.</summary>
    NotReady,
}

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>How one readiness check came out.</summary>
public enum ReadinessStatus
{
    Pass,
    Warn,
    Fail,
}

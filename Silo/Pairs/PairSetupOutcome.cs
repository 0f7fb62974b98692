namespace Orleans.Bcp.Silo.Pairs;

/// <summary>How setting a pair up ended.</summary>
public enum PairSetupOutcome
{
    Created,
    TenantNotFound,
    SameRegion,
    TenantAlreadyPaired,
}

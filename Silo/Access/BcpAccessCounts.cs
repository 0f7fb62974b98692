namespace Orleans.Bcp.Silo.Access;

/// <summary>How many of a tenant's users have each BCP type.</summary>
/// <param name="None">Users who may not log in to the BCP tenant.</param>
/// <param name="Single">Users who log in directly to the active tenant.</param>
/// <param name="Multiple">Users who choose between both tenants.</param>
public sealed record BcpAccessCounts(int None, int Single, int Multiple)
{
    /// <summary>Users with BCP access, the ones the customer pays for.</summary>
    public int Billable => Single + Multiple;
}

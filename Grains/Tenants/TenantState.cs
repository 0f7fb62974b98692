using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Grains.Tenants;

/// <summary>The durable state of a tenant.</summary>
public sealed class TenantState
{
    public string Name { get; set; } = "";

    public string Region { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string? PairId { get; set; }

    public PairRole? Role { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>What the tenant grain answers (and a silo reading the stored state while that grain is unreachable).</summary>
    public TenantInfo ToInfo(string tenantId) => new(tenantId, Name, Region, PairId, Role, CreatedAt);
}

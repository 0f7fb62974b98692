using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Silo.Pairs;

/// <summary>The pair and its one-time passkey when created; otherwise the tenant (and region) that stopped it.</summary>
public sealed record PairSetupResult(PairSetupOutcome Outcome, PairCreated? Created = null, string? TenantId = null, string? Region = null);

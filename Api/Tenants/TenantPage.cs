using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Api.Tenants;

/// <summary>
/// One page of <c>GET /tenants?search=</c>. <c>continuationToken</c> is null on the last page; a page may be
/// short, even empty, and still have one (the search reads a bounded number of entries per request).
/// </summary>
public sealed record TenantPage(IReadOnlyList<TenantRef> Items, string? ContinuationToken);

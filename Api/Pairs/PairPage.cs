using Orleans.Bcp.Silo.Search;

namespace Orleans.Bcp.Api.Pairs;

/// <summary>
/// One page of <c>GET /tenant-pairs?search=</c>: each pair's id and both tenants (a name longer than 90 characters
/// is shortened). <c>continuationToken</c> is null on the last page; a page may be short, even empty, and
/// still have one (the search reads a bounded number of entries per request).
/// </summary>
public sealed record PairPage(IReadOnlyList<PairEntry> Items, string? ContinuationToken);

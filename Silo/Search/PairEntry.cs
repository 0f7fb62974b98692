using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Silo.Search;

/// <summary>A pair as the directory lists it: its id and both tenants (names shortened, see <see cref="DirectoryKeys"/>).</summary>
public sealed record PairEntry(string PairId, TenantRef Primary, TenantRef Bcp);

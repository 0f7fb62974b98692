namespace Orleans.Bcp.Api.Failback;

/// <summary>The BCP changes by what the first sync after the return does to them.</summary>
/// <param name="Overwrite">Written again from the primary.</param>
/// <param name="Delete">Deleted, their primary entity being gone (held first by the delete guard: docs/sync.md).</param>
/// <param name="Leave">Not touched.</param>
public sealed record FailbackCountsDocument(int Overwrite, int Delete, int Leave);

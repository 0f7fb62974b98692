namespace Orleans.Bcp.Api.Access;

/// <summary>What applying a checked bulk upload did.</summary>
/// <param name="Applied">Users rewritten with a new type.</param>
/// <param name="Unchanged">Users that had the type already (not rewritten).</param>
/// <param name="Skipped">Rows whose user was deleted or renamed between the check and the write.</param>
internal sealed record BulkOutcome(int Applied, int Unchanged, IReadOnlyList<InvalidRow> Skipped);

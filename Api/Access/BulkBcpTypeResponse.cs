namespace Orleans.Bcp.Api.Access;

/// <summary>What a bulk upload applied.</summary>
/// <param name="Applied">Users whose type changed.</param>
/// <param name="Unchanged">Users that had the type already (not rewritten).</param>
/// <param name="Skipped">Rows valid when checked whose user was deleted or renamed before it was written (empty but for concurrent edits).</param>
internal sealed record BulkBcpTypeResponse(int Applied, int Unchanged, IReadOnlyList<InvalidRow> Skipped);

namespace Orleans.Bcp.Api.Access;

/// <summary>A bulk upload as read: the rows that are well-formed, those that are not, or that it has too many rows to read at all.</summary>
internal sealed record BcpTypeCsvFile(IReadOnlyList<BcpTypeRow> Rows, IReadOnlyList<InvalidRow> Invalid, bool TooManyRows = false);

namespace Orleans.Bcp.Silo.Search;

/// <summary>
/// One page of a search. <see cref="Cursor"/> is null on the last page; a page can hold fewer matches than asked
/// (none, even) and still have a cursor, when the scan stopped at its bound (<see cref="NameDirectory"/>).
/// </summary>
public sealed record DirectoryPage<T>(IReadOnlyList<T> Items, string? Cursor);

using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Silo.Search;

namespace Orleans.Bcp.Api.Http;

/// <summary>
/// The query of a find-by-name listing (<c>GET /tenants</c>, <c>GET /tenant-pairs</c>): <c>search</c>, <c>pageSize</c>
/// and the <c>continuationToken</c> of the page before. Each bad value is a 400 naming its parameter.
/// </summary>
internal sealed record SearchQuery(string Search, int PageSize, string? Cursor)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public static (SearchQuery? Query, ProblemHttpResult? Problem) Read(string? search, string? pageSize, string? continuationToken)
    {
        // Checked before trimming: a line feed or a tab is not a name's, and is refused, not trimmed away.
        if (search is not null && (search.Length > NameDirectory.MaxSearchLength || search.Any(char.IsControl)))
        {
            return (null, Problem.Invalid("search", $"search must be at most {NameDirectory.MaxSearchLength} printable characters."));
        }

        var size = DefaultPageSize;
        if (pageSize is not null && !WholeNumber.TryParse(pageSize, 1, MaxPageSize, out size))
        {
            return (null, Problem.Invalid("pageSize", $"pageSize must be a whole number from 1 to {MaxPageSize}."));
        }

        if (!ContinuationToken.TryDecode(continuationToken, out var cursor) || !NameDirectory.IsCursor(cursor))
        {
            return (null, Problem.Invalid("continuationToken", "continuationToken must be a token from an earlier page."));
        }

        return (new SearchQuery(search?.Trim() ?? "", size, cursor), null);
    }

    /// <summary>The page a route answers: the query read (or its 400), one directory page, the cursor as an opaque token.</summary>
    public static async Task<Results<Ok<TPage>, ProblemHttpResult>> AnswerAsync<TItem, TPage>(
        string? search, string? pageSize, string? continuationToken,
        Func<SearchQuery, Task<DirectoryPage<TItem>>> find, Func<IReadOnlyList<TItem>, string?, TPage> toPage)
    {
        var (query, problem) = Read(search, pageSize, continuationToken);
        if (problem is not null)
        {
            return problem;
        }

        var page = await find(query!);
        return TypedResults.Ok(toPage(page.Items, ContinuationToken.Encode(page.Cursor)));
    }
}

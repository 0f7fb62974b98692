using System.Text.RegularExpressions;

namespace Orleans.Bcp.Api.Http;

/// <summary>Ids the API hands out, and the check that a path segment could be one (anything else is simply not found).</summary>
internal static partial class Ids
{
    public static string New() => Guid.NewGuid().ToString("N");

    public static bool IsWellFormed(string? id) => id is not null && IdPattern().IsMatch(id);

    // \z, not $: "$" also matches before a final line feed, so "abc\n" passed as an id.
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}\\z")]
    private static partial Regex IdPattern();
}

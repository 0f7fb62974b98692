using System.Text.RegularExpressions;

namespace Orleans.Bcp.Grains.Config;

/// <summary>The shape of an entity id: what the API hands out, and what a reference or a path segment must look like to name an entity.</summary>
public static partial class EntityIds
{
    public static bool IsWellFormed(string? id) => id is not null && IdPattern().IsMatch(id);

    // \z, not $: "$" also matches before a final line feed, so "abc\n" passed as an id.
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}\\z")]
    private static partial Regex IdPattern();
}

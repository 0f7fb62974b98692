using System.Text.RegularExpressions;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>
/// Entity ids inside script content: an id counts only as a whole token, so an id that is part of a
/// longer token (e.g. <c>x{id}</c> or <c>{id}2</c>) is neither listed nor rewritten.
/// </summary>
public static partial class ScriptIds
{
    /// <summary>Distinct tokens of the content that <paramref name="isKnownId"/> accepts, in order of appearance.</summary>
    public static IReadOnlyList<string> Find(string content, Func<string, bool> isKnownId) =>
        [.. Token().Matches(content).Select(match => match.Value).Where(isKnownId).Distinct(StringComparer.Ordinal)];

    /// <summary>The content with every whole-token id that has a replacement replaced.</summary>
    public static string Rewrite(string content, Func<string, string?> replacement) =>
        Token().Replace(content, match => replacement(match.Value) ?? match.Value);

    [GeneratedRegex("[A-Za-z0-9_-]+")]
    private static partial Regex Token();
}

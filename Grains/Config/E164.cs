using System.Text.RegularExpressions;

namespace Orleans.Bcp.Grains.Config;

/// <summary>Phone numbers in the one form they are stored and looked up in: E.164 (<c>+</c>, country code, at most 15 digits).</summary>
public static partial class E164
{
    /// <summary>The number without the spaces, dashes and parentheses people type, if it is then valid E.164.</summary>
    public static bool TryNormalize(string? input, out string number)
    {
        number = input is null ? "" : Separators().Replace(input, "");
        return Valid().IsMatch(number);
    }

    [GeneratedRegex(@"[\s\-()]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$")]
    private static partial Regex Valid();
}

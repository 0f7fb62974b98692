using System.Globalization;

namespace Orleans.Bcp.Api.Http;

/// <summary>
/// A whole number from a query string (limit, pageSize): ASCII digits only, within bounds.
/// int.TryParse alone also takes trailing NUL characters, so "limit=1%00" was a limit of 1.
/// </summary>
internal static class WholeNumber
{
    public static bool TryParse(string text, int min, int max, out int value)
    {
        value = 0;
        return text.Length > 0 && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value >= min && value <= max;
    }
}

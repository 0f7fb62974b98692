using System.Globalization;

namespace Orleans.Bcp.Silo.Search;

/// <summary>
/// Where a search goes on: the store's listing token of a listing page, and how many of that page's keys were
/// already examined. Written <c>{skip}</c> or <c>{skip}:{store token}</c>; callers hand it back unchanged.
/// </summary>
internal readonly record struct DirectoryCursor(string? StoreToken, int Skip)
{
    public override string ToString() =>
        StoreToken is null ? Skip.ToString(CultureInfo.InvariantCulture) : $"{Skip.ToString(CultureInfo.InvariantCulture)}:{StoreToken}";

    public static bool TryParse(string? text, out DirectoryCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var colon = text.IndexOf(':');
        var skip = colon < 0 ? text : text[..colon];
        if (skip.Length is 0 or > 4 || !skip.All(char.IsAsciiDigit))
        {
            return false;
        }

        var storeToken = colon < 0 ? null : text[(colon + 1)..];
        if (storeToken is { Length: 0 })
        {
            return false;
        }

        cursor = new DirectoryCursor(storeToken, int.Parse(skip, CultureInfo.InvariantCulture));
        return true;
    }
}

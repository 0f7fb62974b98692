using System.Text.RegularExpressions;

namespace Orleans.Bcp.Api.Tenants;

internal static partial class TenantValidation
{
    public const int MaxNameLength = 200;

    public static bool IsValidName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= MaxNameLength && !name.Any(char.IsControl);

    public static bool IsValidRegion(string? region) => region is not null && RegionPattern().IsMatch(region);

    // \z, not $: "$" also matches before a final line feed, and "us-east\n" became a tenant's region.
    [GeneratedRegex("^[a-z]{2,12}(-[a-z0-9]{1,12}){0,3}\\z")]
    private static partial Regex RegionPattern();
}

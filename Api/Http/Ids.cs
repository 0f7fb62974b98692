using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Api.Http;

/// <summary>Ids the API hands out, and the check that a path segment could be one (anything else is simply not found).</summary>
internal static class Ids
{
    public static string New() => Guid.NewGuid().ToString("N");

    public static bool IsWellFormed(string? id) => EntityIds.IsWellFormed(id);
}

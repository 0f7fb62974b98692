using System.Buffers.Text;
using System.Text;
using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Silo.Search;

/// <summary>
/// The directory's keys carry everything a search answers (ids, regions, names), so a search reads listings and no
/// object. Names are base64url (keys are ASCII; it never holds '/'). A blob name is at most 1024 characters: a tenant's
/// full name (at most 200 characters, docs/api.md) fits once, not twice, so a pair's key keeps each name's first
/// <see cref="PairNameLength"/> characters.
/// </summary>
internal static class DirectoryKeys
{
    public const string TenantPrefix = "directory/tenants/";
    public const string PairPrefix = "directory/pairs/";
    public const int PairNameLength = 90;

    /// <summary><c>directory/tenants/{tenantId}/{region}/{name}</c>.</summary>
    public static string Tenant(TenantRef tenant) => TenantPrefix + Side(tenant, int.MaxValue);

    /// <summary><c>directory/pairs/{pairId}/{primary id}/{region}/{name}/{bcp id}/{region}/{name}</c>.</summary>
    public static string Pair(string pairId, TenantRef primary, TenantRef bcp) =>
        $"{PairPrefix}{pairId}/{Side(primary, PairNameLength)}/{Side(bcp, PairNameLength)}";

    public static TenantRef? ReadTenant(string key)
    {
        var parts = key[TenantPrefix.Length..].Split('/');
        return parts.Length == 3 ? ReadSide(parts, 0) : null;
    }

    public static PairEntry? ReadPair(string key)
    {
        var parts = key[PairPrefix.Length..].Split('/');
        return parts.Length == 7 && ReadSide(parts, 1) is { } primary && ReadSide(parts, 4) is { } bcp
            ? new PairEntry(parts[0], primary, bcp)
            : null;
    }

    /// <summary>The tenant id a key of either kind starts with after its prefix (the pair id for a pair).</summary>
    public static string IdOf(string key, string prefix) => key[prefix.Length..].Split('/')[0];

    private static string Side(TenantRef tenant, int nameLength) =>
        $"{tenant.TenantId}/{tenant.Region}/{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Shorten(tenant.AccountName, nameLength)))}";

    private static TenantRef? ReadSide(string[] parts, int at)
    {
        try
        {
            return new TenantRef(parts[at], Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[at + 2])), parts[at + 1]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The first <paramref name="length"/> characters, never cutting a surrogate pair in two.</summary>
    private static string Shorten(string name, int length)
    {
        if (name.Length <= length)
        {
            return name;
        }

        return char.IsHighSurrogate(name[length - 1]) ? name[..(length - 1)] : name[..length];
    }
}

namespace Orleans.Bcp.Api.Config;

/// <summary>Store ETags as HTTP ETags: Blob Storage's come quoted, SQLite's bare; HTTP wants them quoted.</summary>
internal static class EntityETag
{
    public static string ToHeader(string storeETag) => storeETag.StartsWith('"') ? storeETag : $"\"{storeETag}\"";
}

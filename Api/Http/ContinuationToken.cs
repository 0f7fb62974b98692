using System.Buffers.Text;
using System.Text;

namespace Orleans.Bcp.Api.Http;

/// <summary>
/// The store's listing token, base64url-encoded so clients treat it as opaque and it survives a
/// query string. A token that does not decode is a 400; one that decodes can only page within the
/// listing's own prefix (a tenant's entities, the directory's tenants), because the store applies it on every page.
/// </summary>
internal static class ContinuationToken
{
    private const int MaxLength = 4096;

    public static string? Encode(string? storeToken) =>
        storeToken is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(storeToken));

    public static bool TryDecode(string? token, out string? storeToken)
    {
        storeToken = null;
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }

        if (token.Length > MaxLength)
        {
            return false;
        }

        try
        {
            storeToken = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(token));
            return storeToken.Length > 0;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return false;
        }
    }
}

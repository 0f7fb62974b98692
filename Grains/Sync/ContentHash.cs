using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>A hash of an entity's content as written to the BCP tenant: equal hashes mean nothing to write.</summary>
public static class ContentHash
{
    /// <summary>
    /// SHA-256 of the entity's compact JSON in UTF-8, as <see cref="JsonNode.ToJsonString"/> writes it (the hashes stored
    /// in correlations were made that way), written straight to bytes instead of through a string.
    /// </summary>
    public static string Of(JsonObject data)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            data.WriteTo(writer);
        }

        return Convert.ToHexString(SHA256.HashData(buffer.WrittenSpan));
    }
}

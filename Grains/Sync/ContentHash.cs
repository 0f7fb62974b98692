using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>A hash of an entity's content as written to the BCP tenant: equal hashes mean nothing to write.</summary>
public static class ContentHash
{
    public static string Of(JsonObject data) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(data.ToJsonString())));
}

using System.Text;

namespace Orleans.Bcp.Grains.Correlations;

/// <summary>
/// Correlations are kept per pair, type and bucket. Per entity would cost one state read per
/// entity on every daily run (10,000 reads for unchanged users); per type would rewrite one large
/// document for every change. 16 buckets keep an unchanged run at 16 small reads per type and a
/// 1% change at about 16 writes of ~1/16 of the type's correlations (measured in docs/benchmarks.md).
/// </summary>
public static class CorrelationBuckets
{
    public const int Count = 16;

    public static int Of(string primaryId)
    {
        // FNV-1a: stable across processes and versions, unlike string.GetHashCode.
        var hash = 2166136261u;
        // Ids are short: their UTF-8 bytes on the stack, not a new array per id.
        var length = Encoding.UTF8.GetByteCount(primaryId);
        Span<byte> bytes = length <= 256 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(primaryId, bytes);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % Count);
    }

    public static string Key(string pairId, string type, int bucket) => $"{pairId}/{type}/{bucket}";
}

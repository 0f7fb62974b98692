namespace Orleans.Bcp.Silo.Freshness;

/// <summary>
/// What objects take on a 64-bit runtime, for the weights of kept entries: measured with the heap's own figures
/// (the hot-path benchmark's <c>KeptLoginMemory</c>), not exact for every runtime but close enough for a bound.
/// </summary>
public static class HeapSizes
{
    /// <summary>An object's header and method table pointer.</summary>
    public const int ObjectHeader = 16;

    /// <summary>A key's slot in a concurrent dictionary: its node (header, key, value, next, hash) and its bucket.</summary>
    public const int DictionarySlot = 56;

    /// <summary>
    /// An entry of a <see cref="Dictionary{TKey, TValue}"/> with reference keys and values (hash, next, key, value: 24) and
    /// its bucket (4), with the room the table keeps past its count.
    /// </summary>
    public const int DictionaryEntry = 32;

    /// <summary>A dictionary's or set's own object and its first arrays, for what holds a table of its own.</summary>
    public const int Table = 128;

    /// <summary>A string of <paramref name="text"/>'s length (header, length, UTF-16 characters and a terminator, 8-byte aligned); 0 for null.</summary>
    public static int Of(string? text) => text is null ? 0 : Aligned(ObjectHeader + 4 + (2 * text.Length) + 2);

    public static int Aligned(int bytes) => (bytes + 7) & ~7;

    /// <summary>A weight summed over many entries as a map's <c>int</c> weight: past <see cref="int.MaxValue"/> it stays there (never kept).</summary>
    public static int Capped(long bytes) => (int)Math.Min(bytes, int.MaxValue);
}

using System.Globalization;

namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>
/// What the Api's garbage collector held at its last collection, from the runtime's meter on the Api's <c>/metrics</c>
/// (docs/operations.md): the heap (every generation, garbage not yet collected included) and the memory committed for it,
/// so that a resident size can be read as the heap, the collector's room beside it, and the rest (code, native).
/// </summary>
/// <param name="HeapBytes">The heap's size after the last collection, all generations.</param>
/// <param name="CommittedBytes">The memory the collector had committed then.</param>
internal sealed record GcMemory(long HeapBytes, long CommittedBytes)
{
    private const string HeapSeries = "system_runtime_dotnet_gc_last_collection_heap_size{";
    private const string CommittedSeries = "system_runtime_dotnet_gc_last_collection_memory_committed_size ";

    /// <summary>The figures as the Api serves them now, or null when its metrics do not carry them.</summary>
    public static async Task<GcMemory?> ReadAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var text = await client.GetStringAsync("/metrics", cancellationToken);
        long heap = 0;
        long? committed = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(HeapSeries, StringComparison.Ordinal))
            {
                heap += ValueOf(line);
            }
            else if (line.StartsWith(CommittedSeries, StringComparison.Ordinal))
            {
                committed = ValueOf(line);
            }
        }

        return committed is { } bytes && heap > 0 ? new GcMemory(heap, bytes) : null;
    }

    /// <summary>"heap H MB, committed C MB", or "n/a".</summary>
    public static string Describe(GcMemory? memory) =>
        memory is null ? "GC n/a" : $"GC heap {memory.HeapBytes / 1048576.0:N0} MB, committed {memory.CommittedBytes / 1048576.0:N0} MB";

    /// <summary>The value of one line of the Prometheus text: the number after its last space.</summary>
    internal static long ValueOf(string line) =>
        (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
}

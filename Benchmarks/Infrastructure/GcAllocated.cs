namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>
/// The bytes the Api has allocated on its managed heap since it started, from the runtime's meter on its <c>/metrics</c>: read
/// before and after a round, divided by the round's requests, it is what one request allocates — a figure the machine's
/// noise does not move, unlike CPU time per request.
/// </summary>
internal static class GcAllocated
{
    private const string Series = "system_runtime_dotnet_gc_heap_total_allocated ";

    /// <summary>The total so far, or null when the Api's metrics do not carry it.</summary>
    public static async Task<long?> ReadAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var text = await client.GetStringAsync("/metrics", cancellationToken);
        var line = text.Split('\n').FirstOrDefault(line => line.StartsWith(Series, StringComparison.Ordinal));
        return line is null ? null : GcMemory.ValueOf(line);
    }
}

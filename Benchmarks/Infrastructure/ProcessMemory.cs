using System.Globalization;

namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>
/// Resident memory of a process from <c>/proc/{pid}/status</c> (Linux): the current RSS and its
/// high-water mark (VmHWM), which can be reset so that a peak belongs to one phase of a run.
/// </summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS in bytes, or null where /proc is not there.</summary>
    public static long? Rss(int processId) => Read(processId, "VmRSS:");

    /// <summary>VmHWM (peak RSS since start or the last <see cref="TryResetPeak"/>) in bytes, or null.</summary>
    public static long? Peak(int processId) => Read(processId, "VmHWM:");

    /// <summary>
    /// Resets VmHWM to the current RSS (writing 5 to <c>/proc/{pid}/clear_refs</c>, Linux ≥ 4.0); false
    /// when that is not possible, in which case the peak covers the whole life of the process.
    /// </summary>
    public static bool TryResetPeak(int processId)
    {
        try
        {
            File.WriteAllText($"/proc/{processId}/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long? Read(int processId, string field)
    {
        var path = $"/proc/{processId}/status";
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                // e.g. "VmHWM:	  123456 kB"
                var kilobytes = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return null;
    }
}

using System.Globalization;

namespace Orleans.Bcp.Benchmarks;

/// <summary>Progress on stderr, so stdout carries only the Markdown report.</summary>
internal static class Log
{
    public static void Info(string message) =>
        Console.Error.WriteLine($"[{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {message}");
}

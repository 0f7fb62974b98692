using System.Globalization;

namespace Orleans.Bcp.Benchmarks.Measurement;

/// <summary>Numbers as the report prints them (invariant culture).</summary>
internal static class Format
{
    public static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ms(double milliseconds) =>
        milliseconds.ToString(milliseconds < 10 ? "0.00" : milliseconds < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);

    public static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + " s";
}

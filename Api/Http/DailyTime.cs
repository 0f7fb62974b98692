using System.Globalization;

namespace Orleans.Bcp.Api.Http;

/// <summary>The daily run time as the API writes and reads it: <c>"HH:mm"</c>, UTC, 24-hour.</summary>
public static class DailyTime
{
    public const string Format = "HH:mm";

    /// <summary>What <see cref="TryRead"/> takes, for the API document.</summary>
    public const string Pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    /// <summary>To the minute; the exact time of day (an enable without a chosen time keeps its seconds) is in <c>nextRunAt</c>.</summary>
    public static string? Write(TimeSpan? timeOfDay) =>
        timeOfDay is { } time ? time.ToString(@"hh\:mm", CultureInfo.InvariantCulture) : null;

    /// <summary>Exactly two digits, a colon and two digits, 00:00 to 23:59.</summary>
    public static bool TryRead(string text, out TimeSpan timeOfDay)
    {
        timeOfDay = default;
        if (text.Length != 5 || text[2] != ':' || !text.Remove(2, 1).All(char.IsAsciiDigit))
        {
            return false;
        }

        var hours = (text[0] - '0') * 10 + (text[1] - '0');
        var minutes = (text[3] - '0') * 10 + (text[4] - '0');
        if (hours > 23 || minutes > 59)
        {
            return false;
        }

        timeOfDay = new TimeSpan(hours, minutes, 0);
        return true;
    }
}

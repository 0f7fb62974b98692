namespace Orleans.Bcp.Api.Drills;

/// <summary>Body of PUT /tenant-pairs/{pairId}/drills/schedule.</summary>
/// <param name="Enabled">Whether a drill runs every week.</param>
/// <param name="Weekday">The day of the week, by name (<c>monday</c> … <c>sunday</c>).</param>
/// <param name="At">The time of day, UTC, <c>HH:mm</c>.</param>
public sealed record DrillScheduleRequest(bool? Enabled, string? Weekday, string? At);

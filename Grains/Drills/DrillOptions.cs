namespace Orleans.Bcp.Grains.Drills;

/// <summary>Section <c>Drills</c>.</summary>
public sealed class DrillOptions
{
    /// <summary>How often a pair's reminder checks for a due weekly drill; it bounds how late a drill runs after its time.</summary>
    public TimeSpan CheckPeriod { get; set; } = TimeSpan.FromMinutes(5);
}

using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Grains.Abstractions.Drills;

/// <summary>Who runs a drill nobody asked for.</summary>
public static class DrillActors
{
    /// <summary>The weekly schedule.</summary>
    public static readonly Actor Schedule = new("schedule", "system");
}

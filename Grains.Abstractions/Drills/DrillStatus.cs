namespace Orleans.Bcp.Grains.Abstractions.Drills;

/// <summary>How a drill, or one of its steps, ended.</summary>
[GenerateSerializer, Alias("bcp.DrillStatus")]
public enum DrillStatus
{
    /// <summary>A real switch would have done this part as expected.</summary>
    Passed,

    /// <summary>A real switch would have met a problem here (the summary and items say which).</summary>
    Failed,
}

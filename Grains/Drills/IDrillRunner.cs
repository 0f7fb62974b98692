using Orleans.Bcp.Grains.Abstractions.Drills;

namespace Orleans.Bcp.Grains.Drills;

/// <summary>Runs a drill's steps on this silo (they read the silo's kept state and stores; Silo/Drills implements it).</summary>
public interface IDrillRunner
{
    /// <summary>A scheduled drill: no passkey step, to the side that is not active now. Null when the pair does not exist.</summary>
    Task<DrillReport?> RunScheduledAsync(string pairId);
}

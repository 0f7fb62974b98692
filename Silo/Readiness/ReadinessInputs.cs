using System.Collections.Immutable;
using Orleans.Bcp.Grains.Abstractions.Correlations;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>Everything the checks look at, each part read with a bound (a part that could not be read says why).</summary>
/// <param name="Pair">The pair's status.</param>
/// <param name="Now">When the checks run.</param>
/// <param name="Sync">Settings and newest run (control store).</param>
/// <param name="Runs">Run history, newest first (control store).</param>
/// <param name="Correlations">Per type, correlations by primary id (control store).</param>
/// <param name="Primary">Per type, the primary's ids and ETags (primary region).</param>
/// <param name="PrimaryContacts">Facts of the primary's points of contact.</param>
/// <param name="Users">Facts of the primary's users.</param>
/// <param name="AgentSettings">Facts of the primary's agent settings.</param>
/// <param name="BcpScripts">Facts of the BCP copies of synced scripts.</param>
/// <param name="Stores">Whether each store of the pair answers.</param>
public sealed record ReadinessInputs(
    PairStatus Pair,
    DateTimeOffset Now,
    Read<SyncSummary> Sync,
    Read<ImmutableList<SyncRunReport>> Runs,
    Read<Dictionary<string, Dictionary<string, Correlation>>> Correlations,
    Read<Dictionary<string, Dictionary<string, string>>> Primary,
    Read<FactSet> PrimaryContacts,
    Read<FactSet> Users,
    Read<FactSet> AgentSettings,
    Read<FactSet> BcpScripts,
    IReadOnlyList<StoreReach> Stores)
{
    /// <summary>The newest run that succeeded, if the history could be read and has one.</summary>
    public SyncRunReport? LastSuccess => Runs.Value?.FirstOrDefault(run => run.Outcome == SyncOutcome.Succeeded);

    /// <summary>Each type's listing and correlations, in sync order: the instances the node keeps while they do not change.</summary>
    public static IEnumerable<object?> PerType(ReadinessInputs inputs) =>
        EntityTypes.InSyncOrder.SelectMany(type => (object?[])[inputs.Primary.Value?.GetValueOrDefault(type.Name), inputs.Correlations.Value?.GetValueOrDefault(type.Name)]);

    /// <summary>The BCP id of a completed correlation, or null.</summary>
    public string? BcpIdOf(string type, string primaryId) =>
        Correlations.Value?.GetValueOrDefault(type)?.GetValueOrDefault(primaryId) is { IsComplete: true } correlation ? correlation.BcpId : null;
}

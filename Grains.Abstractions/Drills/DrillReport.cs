using System.Collections.Immutable;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Grains.Abstractions.Drills;

/// <summary>A drill: every step of a switch to <paramref name="Side"/>, rehearsed without changing anything.</summary>
/// <param name="DrillId">Unique.</param>
/// <param name="PairId">The pair.</param>
/// <param name="Outcome">Failed when any step failed.</param>
/// <param name="Side">The side a switch would have made active.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="TookMs">How long it took, every step.</param>
/// <param name="Actor">Who ran it (<see cref="DrillActors.Schedule"/> for the weekly schedule).</param>
/// <param name="Steps">The steps, in the order they ran.</param>
[GenerateSerializer, Immutable, Alias("bcp.DrillReport")]
public sealed record DrillReport(
    string DrillId, string PairId, DrillStatus Outcome, PairRole Side, DateTimeOffset StartedAt, long TookMs, Actor Actor, ImmutableList<DrillStep> Steps);

using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Grains.Abstractions.SwitchReports;

/// <summary>
/// The timeline of one effective switch. Its parts arrive separately (the switch from the node that took the request,
/// the effect record from the pair grain, the first answers from every silo), so each is null until it has arrived.
/// </summary>
/// <param name="Epoch">The epoch the switch produced.</param>
/// <param name="Side">The side it made active.</param>
/// <param name="Actor">Who switched.</param>
/// <param name="RequestedAt">When the switch request reached the node.</param>
/// <param name="CommittedAt">When the pair grain committed the switch (the switch's time in the pair's state).</param>
/// <param name="EffectiveEverywhereAt">When every silo acknowledged it (the pair's effect record).</param>
/// <param name="NodesAcknowledged">How many silos acknowledged it by the effect record's deadline.</param>
/// <param name="FirstLoginOptionsAt">The first login-options answer, on any silo, given with this epoch.</param>
/// <param name="FirstVoiceRoutingAt">The first voice-routing answer, on any silo, given with this epoch.</param>
/// <param name="ApprovedAt">When a second person approved the switch, if it went through two-person approval.</param>
[GenerateSerializer, Immutable, Alias("bcp.SwitchReport")]
public sealed record SwitchReport(
    long Epoch,
    PairRole? Side,
    Actor? Actor,
    DateTimeOffset? RequestedAt,
    DateTimeOffset? CommittedAt,
    DateTimeOffset? EffectiveEverywhereAt,
    int? NodesAcknowledged,
    DateTimeOffset? FirstLoginOptionsAt,
    DateTimeOffset? FirstVoiceRoutingAt,
    DateTimeOffset? ApprovedAt = null)
{
    /// <summary>Whether the switch itself has been recorded (a first answer may arrive before it).</summary>
    public bool Recorded => RequestedAt is not null;

    /// <summary>A report of <paramref name="epoch"/> with nothing known yet.</summary>
    public static SwitchReport Empty(long epoch) => new(epoch, null, null, null, null, null, null, null, null);
}

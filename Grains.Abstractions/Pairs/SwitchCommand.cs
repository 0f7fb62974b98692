using System.Collections.Immutable;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Grains.Abstractions.Pairs;

/// <summary>
/// A request to make <paramref name="Side"/> active. Exactly one of <paramref name="Passkey"/>
/// (tenant user) or <paramref name="OperatorReason"/> (operator, no passkey) is set; the pair refuses a
/// request without passkey unless <paramref name="ByOperator"/> is set and the reason is not blank.
/// </summary>
/// <param name="Side">The side to make active.</param>
/// <param name="Passkey">The pair's passkey, as typed.</param>
/// <param name="OperatorReason">Why an operator switches without passkey (audited).</param>
/// <param name="Actor">Who asks.</param>
/// <param name="NotReadyChecks">The readiness checks failing when the switch was asked for (audited; never blocks it).</param>
/// <param name="OverwritesBcpChanges">On a return to the primary, how many BCP changes the first sync overwrites or deletes, if known in time (audited).</param>
/// <param name="ByOperator">Whether the caller holds the operator permission (<c>bcp.setup</c>), as the HTTP layer checked it.</param>
[GenerateSerializer, Immutable, Alias("bcp.SwitchCommand")]
public sealed record SwitchCommand(
    PairRole Side, string? Passkey, string? OperatorReason, Actor Actor, ImmutableList<string>? NotReadyChecks = null, bool ByOperator = false,
    int? OverwritesBcpChanges = null);

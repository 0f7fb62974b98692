using System.Collections.Immutable;

namespace Orleans.Bcp.Grains.Abstractions.Audit;

/// <summary>One append-only audit record (docs/api.md). Details never hold secrets.</summary>
/// <param name="Sequence">Position in the pair's audit trail, from 1.</param>
/// <param name="At">When it happened.</param>
/// <param name="ActorUserId">Who acted.</param>
/// <param name="ActorTenantId">The tenant the actor was logged in to.</param>
/// <param name="Action">What was attempted, e.g. "switch", "passkey-rotate".</param>
/// <param name="Outcome">How it ended, e.g. "switched", "passkey-invalid".</param>
/// <param name="Details">Further facts, e.g. the side asked for and the epoch.</param>
[GenerateSerializer, Immutable, Alias("bcp.AuditEntry")]
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string ActorUserId,
    string ActorTenantId,
    string Action,
    string Outcome,
    ImmutableDictionary<string, string> Details);

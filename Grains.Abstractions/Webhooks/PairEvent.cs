using System.Collections.Immutable;

namespace Orleans.Bcp.Grains.Abstractions.Webhooks;

/// <summary>Something that happened to a pair, to be delivered to the webhooks subscribed to its type.</summary>
/// <param name="EventId">Unique; the <c>webhook-id</c> of every delivery attempt, so receivers can deduplicate.</param>
/// <param name="Source">Who recorded it (<c>pair</c>, <c>sync</c>, …): each source numbers its events.</param>
/// <param name="Sequence">The source's number for it, increasing: the webhooks grain drops what it has already taken.</param>
/// <param name="Type">One of <see cref="WebhookEventTypes.All"/>.</param>
/// <param name="At">When it happened.</param>
/// <param name="PairId">The pair.</param>
/// <param name="Epoch">The pair's epoch when it happened.</param>
/// <param name="ActorUserId">Who acted (<c>system</c> for the schedule).</param>
/// <param name="ActorTenantId">The tenant the actor was logged in to.</param>
/// <param name="Outcome">The audit entry's outcome, e.g. <c>switched</c>, <c>passkey-invalid</c>, <c>succeeded</c>.</param>
/// <param name="Details">The audit entry's details (never a secret).</param>
[GenerateSerializer, Immutable, Alias("bcp.PairEvent")]
public sealed record PairEvent(
    string EventId,
    string Source,
    long Sequence,
    string Type,
    DateTimeOffset At,
    string PairId,
    long Epoch,
    string ActorUserId,
    string ActorTenantId,
    string Outcome,
    ImmutableDictionary<string, string> Details)
{
    /// <summary>A new event with a fresh id.</summary>
    public static PairEvent Create(
        string source, long sequence, string type, DateTimeOffset at, string pairId, long epoch, string actorUserId, string actorTenantId,
        string outcome, ImmutableDictionary<string, string> details) =>
        new("evt_" + Guid.NewGuid().ToString("N"), source, sequence, type, at, pairId, epoch, actorUserId, actorTenantId, outcome, details);
}

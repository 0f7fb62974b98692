using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Bcp.Grains.Abstractions.Webhooks;

namespace Orleans.Bcp.Silo.Webhooks;

/// <summary>
/// The body of a delivery, in the Standard Webhooks shape <c>{type, timestamp, data}</c>: the same bytes on
/// every attempt of an event (only the signature headers change).
/// </summary>
public static class WebhookPayload
{
    // Only the optional report link is ever null: other events' bodies stay as they were.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string Serialize(PairEvent pairEvent) => JsonSerializer.Serialize(new
    {
        type = pairEvent.Type,
        timestamp = pairEvent.At,
        data = new
        {
            eventId = pairEvent.EventId,
            pairId = pairEvent.PairId,
            epoch = pairEvent.Epoch,
            actor = new { userId = pairEvent.ActorUserId, tenantId = pairEvent.ActorTenantId },
            outcome = pairEvent.Outcome,
            // Sorted: the stored dictionary's order is not kept across reads, and every attempt must post the same bytes.
            details = new SortedDictionary<string, string>(pairEvent.Details, StringComparer.Ordinal),
            // Derived, not stored: events queued before reports existed link theirs too.
            report = pairEvent.Type == WebhookEventTypes.SwitchSucceeded
                ? $"/tenant-pairs/{Uri.EscapeDataString(pairEvent.PairId)}/switches/{pairEvent.Epoch}"
                : null,
        },
    }, Json);
}

using System.Text.Json;
using Orleans.Bcp.Grains.Abstractions.Webhooks;

namespace Orleans.Bcp.Silo.Webhooks;

/// <summary>
/// The body of a delivery, in the Standard Webhooks shape <c>{type, timestamp, data}</c>: the same bytes on
/// every attempt of an event (only the signature headers change).
/// </summary>
public static class WebhookPayload
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

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
        },
    }, Json);
}

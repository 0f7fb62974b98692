using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Audit;
using Orleans.Bcp.Grains.Abstractions.Webhooks;

namespace Orleans.Bcp.Grains.Webhooks;

/// <summary>
/// The hand-off of events a grain committed with its own state (its outbox) to the pair's webhooks
/// grain. It waits at most <see cref="WebhookOptions.HandoffTimeout"/>: what is not taken by then stays in
/// the outbox and goes again with the next commit or activation (the webhooks grain drops what it took).
/// </summary>
public static class EventOutbox
{
    /// <summary>
    /// Puts <paramref name="entry"/> into <paramref name="pending"/> as an event of <paramref name="type"/>, numbered by
    /// its audit sequence (increasing, as the webhooks grain expects of a source).
    /// </summary>
    public static void Announce(List<PairEvent> pending, string source, AuditEntry entry, string type, string pairId, long epoch) =>
        pending.Add(PairEvent.Create(
            source, entry.Sequence, type, entry.At, pairId, epoch, entry.ActorUserId, entry.ActorTenantId, entry.Outcome, entry.Details));

    public static async Task HandOffAsync(IGrainFactory grains, IServiceProvider services, string pairId, List<PairEvent> pending)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var sent = pending.ToImmutableList();
        try
        {
            await grains.GetGrain<IPairWebhooksGrain>(pairId).EnqueueAsync(sent).WaitAsync(services.GetRequiredService<IOptions<WebhookOptions>>().Value.HandoffTimeout);
            // Taken events leave the outbox with the next state write.
            pending.RemoveAll(sent.Contains);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Still committed in the outbox: handed off again later.
        }
    }
}

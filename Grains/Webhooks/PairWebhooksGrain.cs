using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Webhooks;
using Orleans.Bcp.Grains.Storage;

namespace Orleans.Bcp.Grains.Webhooks;

/// <summary>
/// A pair's webhooks and delivery queue. Taking events in is one state write; delivering them is not done
/// in a turn: a timer hands the due head of each webhook's queue to the <see cref="IWebhookSender"/>, one
/// attempt per webhook at a time (so each webhook sees the pair's events in order), and the sender reports
/// back. While the pair has webhooks a reminder wakes the grain, so after a node dies a survivor carries on.
/// </summary>
public sealed class PairWebhooksGrain(
    [PersistentState("webhooks", StorageNames.Control)] IPersistentState<PairWebhooksState> webhooks,
    IWebhookSender sender,
    IOptions<WebhookOptions> options,
    TimeProvider timeProvider) : Grain, IPairWebhooksGrain, IRemindable
{
    public const string WakeReminder = "webhook-delivery";
    private const string PublishedSource = "webhooks";

    /// <summary>Webhooks with an attempt out, and since when: an attempt whose report never came is handed out again.</summary>
    private readonly Dictionary<string, DateTimeOffset> _inFlight = [];

    private PairWebhooksState State => webhooks.State;

    private WebhookOptions Options => options.Value;

    private string PairId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(PumpAsync, Options.PollInterval, Options.PollInterval);
        return Task.CompletedTask;
    }

    public async Task<WebhookCreated?> RegisterAsync(string url, ImmutableList<string> events)
    {
        if (State.Webhooks.Count >= IPairWebhooksGrain.MaxWebhooks)
        {
            return null;
        }

        var webhook = new Webhook(Guid.NewGuid().ToString("N"), url, events, WebhookSecrets.Generate(), timeProvider.GetUtcNow());
        State.Webhooks.Add(webhook);
        await SaveAsync();
        await this.RegisterOrUpdateReminder(WakeReminder, Options.WakePeriod, Options.WakePeriod);
        return new WebhookCreated(ToInfo(webhook), webhook.Secret);
    }

    public Task<ImmutableList<WebhookInfo>> ListAsync() => Task.FromResult<ImmutableList<WebhookInfo>>([.. State.Webhooks.Select(ToInfo)]);

    public async Task<bool> RemoveAsync(string webhookId)
    {
        if (State.Webhooks.RemoveAll(webhook => webhook.WebhookId == webhookId) == 0)
        {
            return false;
        }

        State.Deliveries.RemoveAll(delivery => delivery.WebhookId == webhookId);
        _inFlight.Remove(webhookId);
        await SaveAsync();
        if (State.Webhooks.Count == 0 && await this.GetReminder(WakeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        return true;
    }

    public Task<ImmutableList<WebhookDelivery>?> GetDeliveriesAsync(string webhookId, int limit) =>
        Task.FromResult<ImmutableList<WebhookDelivery>?>(State.Webhooks.Any(webhook => webhook.WebhookId == webhookId)
            ? [.. State.Deliveries.Where(delivery => delivery.WebhookId == webhookId).Reverse().Take(limit).Select(delivery => delivery.ToView())]
            : null);

    public async Task EnqueueAsync(ImmutableList<PairEvent> events)
    {
        var queued = false;
        foreach (var pairEvent in events)
        {
            if (State.Taken.GetValueOrDefault(pairEvent.Source) >= pairEvent.Sequence)
            {
                continue;
            }

            State.Taken[pairEvent.Source] = pairEvent.Sequence;
            foreach (var webhook in State.Webhooks.Where(webhook => webhook.Events.Contains(pairEvent.Type)))
            {
                State.Deliveries.Add(QueuedDelivery.For(webhook.WebhookId, pairEvent));
                DropOverflow(webhook.WebhookId);
                queued = true;
            }
        }

        // With no subscriber there is nothing to keep: a pair without webhooks pays no write per switch.
        if (queued)
        {
            await SaveAsync();
            Pump();
        }
    }

    public async Task PublishAsync(string type, long epoch, string outcome, ImmutableDictionary<string, string> details)
    {
        State.PublishedSequence++;
        var pairEvent = PairEvent.Create(PublishedSource, State.PublishedSequence, type, timeProvider.GetUtcNow(), PairId, epoch, "system", "system", outcome, details);
        await EnqueueAsync([pairEvent]);
    }

    public async Task CompleteAttemptAsync(string webhookId, string eventId, AttemptResult result)
    {
        _inFlight.Remove(webhookId);
        var index = State.Deliveries.FindIndex(delivery => delivery.WebhookId == webhookId && delivery.Event.EventId == eventId);
        if (index < 0 || State.Deliveries[index].Status != DeliveryStatus.Pending)
        {
            return;
        }

        var delivery = State.Deliveries[index];
        var attempts = delivery.Attempts + 1;
        State.Deliveries[index] = delivery with
        {
            Attempts = attempts,
            LastHttpStatus = result.HttpStatus,
            LastError = result.Error,
            LastAttemptAt = result.At,
            Status = result.Delivered ? DeliveryStatus.Delivered : DeliveryStatus.Pending,
            DeliveredAt = result.Delivered ? result.At : null,
            NextAttemptAt = result.Delivered ? null : result.At + Options.RetryDelay(attempts),
        };
        TrimHistory(webhookId);
        await SaveAsync();
        // The webhook's next event need not wait for the timer.
        Pump();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        // Being activated is the point: the timer started on activation carries on from here.
        PumpAsync();

    private async Task PumpAsync()
    {
        if (GiveUpExpired())
        {
            await SaveAsync();
        }

        Pump();
    }

    /// <summary>Marks deliveries past the retry window as failed; true when any was.</summary>
    private bool GiveUpExpired()
    {
        var now = timeProvider.GetUtcNow();
        var changed = false;
        for (var i = 0; i < State.Deliveries.Count; i++)
        {
            var delivery = State.Deliveries[i];
            if (delivery.Status == DeliveryStatus.Pending && !_inFlight.ContainsKey(delivery.WebhookId) && now - delivery.Event.At >= Options.GiveUpAfter)
            {
                State.Deliveries[i] = delivery with { Status = DeliveryStatus.Failed };
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>Hands each webhook's oldest pending delivery to the sender when it is due and none of the webhook's is out.</summary>
    private void Pump()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var webhook in State.Webhooks)
        {
            if (_inFlight.TryGetValue(webhook.WebhookId, out var since) && now - since < Options.AttemptTimeout * 3)
            {
                continue;
            }

            var head = State.Deliveries.FirstOrDefault(delivery => delivery.WebhookId == webhook.WebhookId && delivery.Status == DeliveryStatus.Pending);
            if (head is null || head.NextAttemptAt > now)
            {
                continue;
            }

            _inFlight[webhook.WebhookId] = now;
            sender.Send(new WebhookAttempt(PairId, webhook.WebhookId, webhook.Url, webhook.Secret, head.Event));
        }
    }

    /// <summary>
    /// Past <see cref="WebhookOptions.MaxPendingPerWebhook"/> waiting events, drops the webhook's oldest waiting one
    /// (not the one out with the sender) into the gap just before it, or a new gap in its place.
    /// </summary>
    private void DropOverflow(string webhookId)
    {
        var pending = new List<int>();
        for (var i = 0; i < State.Deliveries.Count; i++)
        {
            if (State.Deliveries[i].WebhookId == webhookId && State.Deliveries[i].Status == DeliveryStatus.Pending)
            {
                pending.Add(i);
            }
        }

        if (pending.Count <= Options.MaxPendingPerWebhook)
        {
            return;
        }

        var index = pending[_inFlight.ContainsKey(webhookId) ? 1 : 0];
        var dropped = State.Deliveries[index];
        var before = index > 0 ? State.Deliveries.FindLastIndex(index - 1, delivery => delivery.WebhookId == webhookId) : -1;
        if (before >= 0 && State.Deliveries[before].Status == DeliveryStatus.Dropped)
        {
            State.Deliveries[before] = State.Deliveries[before].Widen(dropped);
            State.Deliveries.RemoveAt(index);
        }
        else
        {
            State.Deliveries[index] = dropped.ToGap();
        }
    }

    private void TrimHistory(string webhookId)
    {
        var finished = State.Deliveries.Where(delivery => delivery.WebhookId == webhookId && delivery.Status != DeliveryStatus.Pending).ToList();
        foreach (var old in finished.Take(Math.Max(0, finished.Count - Options.HistoryPerWebhook)))
        {
            State.Deliveries.Remove(old);
        }
    }

    private WebhookInfo ToInfo(Webhook webhook) =>
        new(webhook.WebhookId, webhook.Url, webhook.Events, webhook.CreatedAt,
            State.Deliveries.LastOrDefault(delivery => delivery.WebhookId == webhook.WebhookId && delivery.Attempts > 0)?.ToView());

    /// <summary>
    /// Writes the state; when the write fails the in-memory state may be ahead of the store, so this
    /// activation goes and the next call starts from what is durable.
    /// </summary>
    private async Task SaveAsync()
    {
        try
        {
            await webhooks.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}

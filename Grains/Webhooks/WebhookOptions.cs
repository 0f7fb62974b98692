namespace Orleans.Bcp.Grains.Webhooks;

/// <summary>Section <c>Webhooks</c>: the delivery schedule (docs/webhooks.md).</summary>
public sealed class WebhookOptions
{
    /// <summary>The wait after the first failed attempt; each further failure doubles it.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>An event not delivered this long after it happened is given up (and its webhook's next event gets its turn).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long one attempt may take, connecting included.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an active webhooks grain looks for due attempts (the short retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The period of the reminder that wakes a pair's webhooks grain (on a surviving silo after a node dies)
    /// while it has webhooks; at least Orleans' minimum reminder period (1 minute by default).
    /// </summary>
    public TimeSpan WakePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a pair or sync grain waits for the webhooks grain to take its events before leaving them in its outbox for the next commit.</summary>
    public TimeSpan HandoffTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Finished deliveries kept per webhook for the deliveries list.</summary>
    public int HistoryPerWebhook { get; set; } = 50;

    /// <summary>
    /// Events waiting per webhook: past this the oldest waiting one (not the one being attempted) is dropped
    /// into a gap the deliveries list shows, so a receiver that is down cannot grow the pair's state without end.
    /// </summary>
    public int MaxPendingPerWebhook { get; set; } = 1000;

    /// <summary>
    /// The ports a webhook's URL may name; empty: 443 outside Development, any port in Development (a receiver
    /// on the developer's machine).
    /// </summary>
    public int[] AllowedPorts { get; set; } = [];

    /// <summary>The wait before attempt <paramref name="failures"/> + 1, after that many failed attempts.</summary>
    public TimeSpan RetryDelay(int failures)
    {
        var doubled = FirstRetryDelay.Ticks * Math.Pow(2, Math.Min(failures - 1, 40));
        return doubled >= MaxRetryDelay.Ticks ? MaxRetryDelay : TimeSpan.FromTicks((long)doubled);
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Runtime;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Reminders;

/// <summary>
/// Fires durable reminders. Each partition of the reminder table is owned through a lease in the
/// control store, so exactly one silo fires a partition's ticks; when the owner stops (or dies), its
/// lease runs out and another silo takes the partition at its next scan. A tick is marked served
/// only after its handler finished, so a tick lost with a dead owner is fired again by the next.
/// </summary>
public sealed partial class ReminderService(
    ReminderTable table,
    IObjectStoreProvider stores,
    IEnumerable<IReminderHandler> handlers,
    IOptions<ReminderOptions> options,
    TimeProvider timeProvider,
    ILogger<ReminderService> logger) : BackgroundService
{
    private readonly Dictionary<string, IReminderHandler> _handlers = handlers.ToDictionary(h => h.ReminderName);
    private readonly ConcurrentDictionary<int, (LeaseHandle Lease, DateTimeOffset RenewAt)> _owned = new();
    private readonly ConcurrentDictionary<string, Task> _inFlight = new();
    private readonly ReminderOptions _options = options.Value;
    private long _scans;

    private IObjectStore Store => stores.Get(StorageNames.Control);

    /// <summary>How many scans this silo has finished.</summary>
    public long ScansCompleted => Interlocked.Read(ref _scans);

    /// <summary>The partitions this silo owns now (for health and tests).</summary>
    public IReadOnlyCollection<int> OwnedPartitions => [.. _owned.Keys];

    /// <summary>One pass: keep or take partition leases, then fire every due tick of the owned partitions.</summary>
    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        for (var partition = 0; partition < _options.Partitions; partition++)
        {
            if (!await HoldAsync(partition, cancellationToken))
            {
                continue;
            }

            foreach (var (entry, etag) in await table.ReadPartitionAsync(partition))
            {
                if (entry.DueTick(timeProvider.GetUtcNow()) is { } tick && _handlers.TryGetValue(entry.Name, out var handler))
                {
                    Fire(handler, entry, etag, tick);
                }
            }
        }
    }

    /// <summary>Waits for the ticks this silo is serving (shutdown, tests).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_inFlight.Values);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ScanAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The store is down or a lease changed hands: the loop must outlive it and try again.
                LogScanFailed(ex);
            }

            // The next wait is armed before the pass counts as done, so whoever watches the count
            // (tests moving a fake clock) knows the clock can move on.
            var next = Task.Delay(_options.ScanInterval, timeProvider, stoppingToken);
            Interlocked.Increment(ref _scans);
            try
            {
                await next;
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await WhenIdleAsync().WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var (lease, _) in _owned.Values)
        {
            // Releasing lets another silo take over at once rather than after the lease period.
            await Store.ReleaseLeaseAsync(lease, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _owned.Clear();
    }

    /// <summary>Whether this silo owns the partition: renews a held lease at half its period, else tries to take it.</summary>
    private async Task<bool> HoldAsync(int partition, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_owned.TryGetValue(partition, out var held))
        {
            if (now < held.RenewAt)
            {
                return true;
            }

            try
            {
                await Store.RenewLeaseAsync(held.Lease, cancellationToken);
                _owned[partition] = (held.Lease, now + _options.LeasePeriod / 2);
                return true;
            }
            catch (LeaseLostException)
            {
                // Expired (a long pause) or taken: try to take it again below.
                _owned.TryRemove(partition, out _);
                LogPartitionLost(partition);
            }
        }

        if (await Store.TryAcquireLeaseAsync($"reminders-{partition}", _options.LeasePeriod, cancellationToken) is not { } lease)
        {
            return false;
        }

        _owned[partition] = (lease, now + _options.LeasePeriod / 2);
        LogPartitionTaken(partition);
        return true;
    }

    private void Fire(IReminderHandler handler, ReminderEntry entry, string etag, DateTimeOffset tick)
    {
        var id = $"{entry.Name}/{entry.Key}";
        if (_inFlight.ContainsKey(id))
        {
            return;
        }

        _inFlight[id] = Task.Run(async () =>
        {
            try
            {
                if (await handler.OnTickAsync(entry.Key, tick))
                {
                    await table.MarkServedAsync(entry, etag, tick);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Not marked served: the next scan fires the tick again.
                LogTickFailed(ex, entry.Name, entry.Key, tick);
            }
            finally
            {
                _inFlight.TryRemove(id, out _);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder partition {Partition} is now owned by this silo")]
    private partial void LogPartitionTaken(int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder partition {Partition} lease was lost")]
    private partial void LogPartitionLost(int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder scan failed; retrying at the next scan")]
    private partial void LogScanFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder {ReminderName} for {Key} failed at tick {Tick}")]
    private partial void LogTickFailed(Exception exception, string reminderName, string key, DateTimeOffset tick);
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Silo.Freshness;

/// <summary>
/// The pair status and tenant lookups of the hot paths on one silo, kept in memory and fed by the pair grains:
/// reading a pair subscribes this silo's observer, and the pair pushes every change as soon as it is written,
/// so a switch shows on every silo a message's time after it is committed. Two backstops cover what a push
/// cannot: an entry older than <see cref="PairStateOptions.MaxAge"/> is read again on its next use (which
/// renews the subscription), and a pair whose activation goes away says so, and its entry is dropped.
/// Tenants (name, region, pair) are not pushed: they change only when a pair is set up, and are read again
/// after <see cref="PairStateOptions.MaxAge"/>, or at once when a pair status names them with another pair.
/// Every push taken is acknowledged to the pair (one-way), which records when a switch took effect on every silo.
/// </summary>
/// <remarks>
/// Pushes and reads can arrive out of order; the epoch, which only grows, orders them: a status never replaces
/// one with a higher epoch that was pushed while it was being read. What hot paths use (sides, tenants, epoch)
/// changes only with the epoch; <see cref="PairStatus.SwitchLockedUntil"/> is as of the last push or read.
/// Bounded as <see cref="KeptEntries{TClaim, TValue}"/> are: when full, emptied.
/// </remarks>
public sealed class PairStateCache : IPairStateObserver
{
    /// <summary>Pairs (and tenants) kept on one silo.</summary>
    public const int Capacity = 100_000;

    private readonly IGrainFactory _grains;
    private readonly SiloAddress _node;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxAge;
    private readonly Lazy<IPairStateObserver> _observer;
    private readonly ConcurrentDictionary<string, PairEntry> _pairs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TenantEntry> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<PairStatus?>>> _pairReads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<TenantInfo?>>> _tenantReads = new(StringComparer.Ordinal);

    public PairStateCache(IGrainFactory grains, ILocalSiloDetails silo, IOptions<PairStateOptions> options, TimeProvider timeProvider)
    {
        _grains = grains;
        _node = silo.SiloAddress;
        _timeProvider = timeProvider;
        _maxAge = options.Value.MaxAge;
        // One reference for the silo's lifetime, made on first use (the silo runs by then); the field keeps it alive.
        _observer = new(() => grains.CreateObjectReference<IPairStateObserver>(this));
    }

    /// <summary>This silo's observer, as the pair grains know it.</summary>
    internal IPairStateObserver Observer => _observer.Value;

    /// <summary>The pair's status (null when it does not exist), kept or read (and subscribed to).</summary>
    public ValueTask<PairStatus?> PairAsync(string pairId) =>
        _pairs.TryGetValue(pairId, out var kept) && IsFresh(kept.ReadAt) ? new(kept.Status) : new(SharedReadAsync(_pairReads, pairId, ReadPairAsync));

    /// <summary>The tenant (null when it does not exist), kept or read.</summary>
    public ValueTask<TenantInfo?> TenantAsync(string tenantId) =>
        _tenants.TryGetValue(tenantId, out var kept) && IsFresh(kept.ReadAt) ? new(kept.Tenant) : new(SharedReadAsync(_tenantReads, tenantId, ReadTenantAsync));

    /// <summary>
    /// Takes a status this silo was handed (a push, or the reply of a switch or setup it made), so that the silo
    /// that answered a change answers with it from then on. Kept tenants it names with another pair are dropped.
    /// </summary>
    public void Remember(PairStatus status)
    {
        ForgetIfPairedElsewhere(status.Primary.TenantId, status.PairId);
        ForgetIfPairedElsewhere(status.Bcp.TenantId, status.PairId);
        var now = _timeProvider.GetTimestamp();
        // A pair this silo does not keep is not taken up: its next use reads and subscribes.
        while (_pairs.TryGetValue(status.PairId, out var kept) && EpochOf(kept.Status) <= status.Epoch)
        {
            if (_pairs.TryUpdate(status.PairId, kept with { Status = status, PushedAt = now }, kept))
            {
                return;
            }
        }
    }

    /// <summary>Drops every kept pair state (a silo died: its pairs came back elsewhere, without this silo's subscription).</summary>
    public void ForgetAll() => _pairs.Clear();

    Task IPairStateObserver.PairChanged(PairStatus status)
    {
        Remember(status);
        // From here this silo answers with this epoch or a later one (or, keeping no copy, reads the pair afresh).
        return _grains.GetGrain<ITenantPairGrain>(status.PairId).AcknowledgeAsync(status.Epoch, _node);
    }

    Task IPairStateObserver.SubscriptionEnded(string pairId)
    {
        _pairs.TryRemove(pairId, out _);
        return Task.CompletedTask;
    }

    private async Task<PairStatus?> ReadPairAsync(string pairId)
    {
        var started = _timeProvider.GetTimestamp();
        var status = await _grains.GetGrain<ITenantPairGrain>(pairId).SubscribeAsync(Observer, _node);
        Put(_pairs, pairId, new PairEntry(status, started, 0), (_, kept) =>
            // A push that arrived while reading, with a higher epoch, is newer than what was read.
            kept.PushedAt > started && EpochOf(kept.Status) > EpochOf(status) ? kept with { ReadAt = started } : new PairEntry(status, started, kept.PushedAt));
        return status;
    }

    private async Task<TenantInfo?> ReadTenantAsync(string tenantId)
    {
        var started = _timeProvider.GetTimestamp();
        var tenant = await _grains.GetGrain<ITenantGrain>(tenantId).GetAsync();
        var entry = new TenantEntry(tenant, started);
        Put(_tenants, tenantId, entry, (_, _) => entry);
        return tenant;
    }

    private void ForgetIfPairedElsewhere(string tenantId, string pairId)
    {
        if (_tenants.TryGetValue(tenantId, out var kept) && kept.Tenant?.PairId != pairId)
        {
            _tenants.TryRemove(KeyValuePair.Create(tenantId, kept));
        }
    }

    private bool IsFresh(long readAt) => _timeProvider.GetElapsedTime(readAt) < _maxAge;

    private static long EpochOf(PairStatus? status) => status?.Epoch ?? -1;

    /// <summary>Concurrent reads of one key share one call.</summary>
    private static async Task<T> SharedReadAsync<T>(ConcurrentDictionary<string, Lazy<Task<T>>> running, string key, Func<string, Task<T>> read)
    {
        var mine = new Lazy<Task<T>>(() => read(key));
        var shared = running.GetOrAdd(key, mine);
        if (!ReferenceEquals(shared, mine))
        {
            return await shared.Value;
        }

        try
        {
            return await mine.Value;
        }
        finally
        {
            running.TryRemove(KeyValuePair.Create(key, mine));
        }
    }

    private static void Put<T>(ConcurrentDictionary<string, T> entries, string key, T entry, Func<string, T, T> update)
    {
        if (!entries.ContainsKey(key) && entries.Count >= Capacity)
        {
            entries.Clear();
        }

        entries.AddOrUpdate(key, entry, update);
    }

    /// <param name="Status">The status as last read or pushed.</param>
    /// <param name="ReadAt">When the read (and subscription) that the entry rests on started; a push does not move it.</param>
    /// <param name="PushedAt">When a push last changed the entry (0: never).</param>
    private sealed record PairEntry(PairStatus? Status, long ReadAt, long PushedAt);

    private sealed record TenantEntry(TenantInfo? Tenant, long ReadAt);
}

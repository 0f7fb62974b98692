using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Silo.Caching;

namespace Orleans.Bcp.Silo.Freshness;

/// <summary>
/// The pair status and tenant lookups of the hot paths on one silo, kept in memory and fed by the pair grains:
/// reading a pair subscribes this silo's observer, and the pair pushes every change as soon as it is written,
/// so a switch shows on every silo a message's time after it is committed. Two backstops cover what a push
/// cannot: an entry older than <see cref="PairStateOptions.MaxAge"/> is read again on its next use (which
/// renews the subscription), and a pair whose activation goes away (or whose silo dies) says so, and its
/// entry is read again on its next use.
/// Tenants (name, region, pair) are not pushed: they change only when a pair is set up, and are read again
/// after <see cref="PairStateOptions.MaxAge"/>, or at once when a pair status names them with another pair.
/// Every push taken is acknowledged to the pair (one-way), which records when a switch took effect on every silo.
/// </summary>
/// <remarks>
/// <para>
/// Serving through a node's death: a pair's state changes only through its grain, so while the grain cannot be
/// reached (its silo died and is not yet declared dead) nothing can change it, and what this silo keeps is still
/// true. A read again that fails or does not answer within <see cref="UnreachableAfter"/> keeps serving the kept
/// entry, reads the stored state meanwhile (the grain may answer another silo, whose switch then shows here through
/// the store), and is tried again later; nothing kept is dropped for being unreadable. A pair or tenant this silo
/// does not keep, whose grain cannot be reached, is read from the control store (<see cref="StoredGrainState"/>) and
/// read from its grain again on a later use.
/// </para>
/// <para>
/// Pushes and reads can arrive out of order; the epoch, which only grows, orders them: a status never replaces
/// one with a higher epoch that was pushed while it was being read. What hot paths use (sides, tenants, epoch)
/// changes only with the epoch; <see cref="PairStatus.SwitchLockedUntil"/> is as of the last push or read.
/// Bounded (<see cref="PairStateOptions.Capacity"/>) as every kept map is (<see cref="BoundedMap{TKey, TValue}"/>): when full, what was not used lately is dropped. Pair ids that do
/// not exist are kept apart (<see cref="AbsentPairs"/>), so a request naming random ids cannot push real pairs out (<see cref="FindAsync"/>).
/// </para>
/// </remarks>
public sealed class PairStateCache : IPairStateObserver
{
    /// <summary>
    /// A grain read that has not answered by then is taken as unreachable: the hot path answers from what it keeps
    /// (or, keeping nothing, from the store) rather than wait for a dead silo. A read that is only slow still
    /// finishes, and what it reads is kept.
    /// </summary>
    public static readonly TimeSpan UnreachableAfter = TimeSpan.FromMilliseconds(300);

    /// <summary>After a failed read, the grain is not asked again for this long; a silo's death clears this at once.</summary>
    public static readonly TimeSpan RetryUnreachableAfter = TimeSpan.FromMilliseconds(250);

    private readonly IGrainFactory _grains;
    private readonly StoredGrainState _stored;
    private readonly SiloAddress _node;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxAge;
    private readonly Lazy<IPairStateObserver> _observer;
    private readonly BoundedMap<string, PairEntry> _pairs;
    private readonly BoundedMap<string, TenantEntry> _tenants;
    private readonly SharedReads<PairStatus?> _pairReads;
    private readonly SharedReads<TenantInfo?> _tenantReads;
    private readonly SharedReads<PairStatus?> _storedPairReads;
    private readonly SharedReads<TenantInfo?> _storedTenantReads;
    private readonly AbsentPairs _absent;

    /// <summary>Entries read before this (a timestamp) are read again on their next use: a silo died since.</summary>
    private long _renewReadsBefore;

    public PairStateCache(IGrainFactory grains, StoredGrainState stored, ILocalSiloDetails silo, IOptions<PairStateOptions> options, TimeProvider timeProvider)
    {
        _grains = grains;
        _stored = stored;
        _node = silo.SiloAddress;
        _timeProvider = timeProvider;
        _maxAge = options.Value.MaxAge;
        _pairs = new(options.Value.Capacity, StringComparer.Ordinal);
        _tenants = new(options.Value.Capacity, StringComparer.Ordinal);
        _pairReads = new(timeProvider);
        _tenantReads = new(timeProvider);
        _storedPairReads = new(timeProvider);
        _storedTenantReads = new(timeProvider);
        _absent = new(timeProvider, options.Value.AbsentCapacity, _maxAge);
        _renewReadsBefore = timeProvider.GetTimestamp();
        // One reference for the silo's lifetime, made on first use (the silo runs by then); the field keeps it alive.
        _observer = new(() => grains.CreateObjectReference<IPairStateObserver>(this));
    }

    /// <summary>This silo's observer, as the pair grains know it.</summary>
    internal IPairStateObserver Observer => _observer.Value;

    /// <summary>The pair's status (null when it does not exist), kept or read (and subscribed to).</summary>
    public ValueTask<PairStatus?> PairAsync(string pairId)
    {
        if (!_pairs.TryGetValue(pairId, out var kept))
        {
            return new(ReadOrLoadAsync(_pairReads, _storedPairReads, pairId, ReadPairAsync, LoadPairAsync));
        }

        return kept.Subscribed && IsFresh(kept.ReadAt) ? new(kept.Status) : new(RenewAsync(_pairReads, _storedPairReads, pairId, ReadPairAsync, LoadPairAsync, kept.Status));
    }

    /// <summary>Pair ids this silo found not to exist.</summary>
    public AbsentPairs Absent => _absent;

    /// <summary>
    /// The pair's status (null when it does not exist) for a request that names a pair id, which may be any id: one this
    /// silo does not keep is first looked up in the control store, so an id that does not exist activates no grain and
    /// is kept apart, in <see cref="Absent"/>, not among the kept pair states.
    /// </summary>
    public ValueTask<PairStatus?> FindAsync(string pairId)
    {
        if (_pairs.ContainsKey(pairId))
        {
            return PairAsync(pairId);
        }

        return _absent.Contains(pairId) ? new((PairStatus?)null) : new(FindColdAsync(pairId));
    }

    /// <summary>
    /// A pair was set up (told by <see cref="PairCreatedNotice"/>, on every silo): its id is no longer absent, and
    /// kept tenants it names as unpaired are read again, so its tenants' users see it at once.
    /// </summary>
    public void Created(PairStatus status)
    {
        _absent.Forget(status.PairId);
        Remember(status);
    }

    /// <summary>The tenant (null when it does not exist), kept or read.</summary>
    public ValueTask<TenantInfo?> TenantAsync(string tenantId)
    {
        if (!_tenants.TryGetValue(tenantId, out var kept))
        {
            return new(ReadOrLoadAsync(_tenantReads, _storedTenantReads, tenantId, ReadTenantAsync, LoadTenantAsync));
        }

        return IsFresh(kept.ReadAt) ? new(kept.Tenant) : new(RenewAsync(_tenantReads, _storedTenantReads, tenantId, ReadTenantAsync, LoadTenantAsync, kept.Tenant));
    }

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

    /// <summary>
    /// A silo died: its pairs come back elsewhere, without this silo's subscription, so every kept entry is read
    /// again (and subscribed) on its next use, at once, not after <see cref="PairStateOptions.MaxAge"/> (a switch made
    /// there would otherwise be missed that long). Until a read again succeeds, the kept entry is served.
    /// </summary>
    public void RenewAll()
    {
        Volatile.Write(ref _renewReadsBefore, _timeProvider.GetTimestamp());
        _pairReads.ForgetFailures();
        _tenantReads.ForgetFailures();
    }

    Task IPairStateObserver.PairChanged(PairStatus status)
    {
        Remember(status);
        // From here this silo answers with this epoch or a later one (or, keeping no copy, reads the pair afresh).
        return _grains.GetGrain<ITenantPairGrain>(status.PairId).AcknowledgeAsync(status.Epoch, _node);
    }

    Task IPairStateObserver.SubscriptionEnded(string pairId)
    {
        // Read again (and subscribe to the next activation) on next use; kept meanwhile, since nothing changes it without a grain.
        while (_pairs.TryGetValue(pairId, out var kept) && kept.Subscribed)
        {
            if (_pairs.TryUpdate(pairId, kept with { Subscribed = false }, kept))
            {
                break;
            }
        }

        _pairReads.ForgetFailure(pairId);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A kept entry read again from its grain; while that fails (or is not tried, having failed just now), the kept
    /// entry. A failed read also reads the store, without waiting for it: the grain may be reachable from another silo
    /// while not from this one (its directory entry lived on the dead silo), and a switch made there is in the store.
    /// </summary>
    private static async Task<T> RenewAsync<T>(
        SharedReads<T> reads, SharedReads<T> loads, string key, Func<string, Task<T>> read, Func<string, Task<T>> load, T kept)
    {
        if (reads.FailedRecently(key))
        {
            return kept;
        }

        try
        {
            return await reads.ReadWithinAsync(key, read);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The state changes only through its grain: what it last said holds until a read shows more.
            _ = loads.ReadAsync(key, load).ContinueWith(static failed => failed.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return kept;
        }
    }

    /// <summary>A cold read: from the grain, or, when the grain cannot be reached, from the store (and from the grain again next time).</summary>
    private static async Task<T> ReadOrLoadAsync<T>(
        SharedReads<T> reads, SharedReads<T> loads, string key, Func<string, Task<T>> read, Func<string, Task<T>> load)
    {
        if (!reads.FailedRecently(key))
        {
            try
            {
                return await reads.ReadWithinAsync(key, read);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Unreachable, or failing: the stored state is what the grain would answer.
            }
        }

        return await loads.ReadAsync(key, load);
    }

    private async Task<PairStatus?> FindColdAsync(string pairId)
    {
        var mark = _absent.Mark();
        var started = _timeProvider.GetTimestamp();
        PairStatus? stored;
        try
        {
            // Not shared with a read already running: that one may have started before a setup this caller must see.
            stored = await _stored.PairAsync(pairId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The store cannot say; the grain, which may be active, answers as for any pair.
            return await PairAsync(pairId);
        }

        if (stored is null)
        {
            _absent.Keep(pairId, mark, started);
            return null;
        }

        return await PairAsync(pairId);
    }

    private async Task<PairStatus?> ReadPairAsync(string pairId)
    {
        var started = _timeProvider.GetTimestamp();
        var status = await _grains.GetGrain<ITenantPairGrain>(pairId).SubscribeAsync(Observer, _node);
        _pairs.AddOrUpdate(pairId, new PairEntry(status, started, 0, Subscribed: true), kept =>
            // A push that arrived while reading, with a higher epoch, is newer than what was read.
            kept.PushedAt > started && EpochOf(kept.Status) > EpochOf(status)
                ? kept with { ReadAt = started, Subscribed = true }
                : new PairEntry(status, started, kept.PushedAt, Subscribed: true));
        return status;
    }

    private async Task<PairStatus?> LoadPairAsync(string pairId)
    {
        var started = _timeProvider.GetTimestamp();
        var status = await _stored.PairAsync(pairId);
        // Not subscribed: read from the grain on a later use. Never over a status this silo already has the same or a later epoch of.
        _pairs.AddOrUpdate(pairId, new PairEntry(status, started, 0, Subscribed: false), kept =>
            EpochOf(kept.Status) >= EpochOf(status) ? kept : new PairEntry(status, started, kept.PushedAt, Subscribed: false));
        return status;
    }

    private async Task<TenantInfo?> ReadTenantAsync(string tenantId)
    {
        var started = _timeProvider.GetTimestamp();
        var tenant = await _grains.GetGrain<ITenantGrain>(tenantId).GetAsync();
        var entry = new TenantEntry(tenant, started);
        _tenants.Set(tenantId, entry);
        return tenant;
    }

    private async Task<TenantInfo?> LoadTenantAsync(string tenantId)
    {
        var started = _timeProvider.GetTimestamp();
        var tenant = await _stored.TenantAsync(tenantId);
        // A tenant is not pushed: the stored one is as good as its grain's answer.
        var entry = new TenantEntry(tenant, started);
        _tenants.AddOrUpdate(tenantId, entry, kept => kept.ReadAt > started ? kept : entry);
        return tenant;
    }

    private void ForgetIfPairedElsewhere(string tenantId, string pairId)
    {
        if (_tenants.TryGetValue(tenantId, out var kept) && kept.Tenant?.PairId != pairId)
        {
            _tenants.TryRemove(tenantId, kept);
        }
    }

    private bool IsFresh(long readAt) => readAt >= Volatile.Read(ref _renewReadsBefore) && _timeProvider.GetElapsedTime(readAt) < _maxAge;

    private static long EpochOf(PairStatus? status) => status?.Epoch ?? -1;

    /// <param name="Status">The status as last read or pushed.</param>
    /// <param name="ReadAt">When the read that the entry rests on started; a push does not move it.</param>
    /// <param name="PushedAt">When a push last changed the entry (0: never).</param>
    /// <param name="Subscribed">Whether that read subscribed this silo (a read from the store does not; an ended subscription no longer is).</param>
    private sealed record PairEntry(PairStatus? Status, long ReadAt, long PushedAt, bool Subscribed);

    private sealed record TenantEntry(TenantInfo? Tenant, long ReadAt);
}

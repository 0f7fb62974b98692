using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Abstractions.Correlations;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Readiness;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Failback;

/// <summary>
/// The failback report (docs/failback.md): each side's listing compared with the correlations the last sync recorded
/// (each copy's BCP ETag, each primary entity's ETag), since the sync runs only while the primary is active and is
/// the one point both sides were known equal. The stores keep no time or author per entity, so a change is known by
/// its version, not by when or by whom. Every read is bounded: with the primary region down it still answers.
/// </summary>
public sealed class FailbackService(
    ITenantConfiguration configuration, KeptCorrelations correlations, IObjectStoreProvider stores, IOptions<ReadinessOptions> options)
{
    private TimeSpan Timeout => options.Value.ReadTimeout;

    public async Task<FailbackReport> GetAsync(PairStatus pair)
    {
        var primary = new TenantLocation(pair.Primary.TenantId, pair.Primary.Region);
        var bcp = new TenantLocation(pair.Bcp.TenantId, pair.Bcp.Region);
        var types = EntityTypes.InSyncOrder.Select(type => type.Name).ToList();
        var correlatedTask = BoundedRead.RunAsync(() => ByTypeAsync(types, type => correlations.GetAsync(pair.PairId, type)), Timeout * 2, "The correlations (control store)");
        var bcpTask = BoundedRead.RunAsync(() => ByTypeAsync(types, type => configuration.ListVersionsAsync(bcp, type)), Timeout * 2, $"The BCP tenant's store ({bcp.Region})");
        var primaryTask = BoundedRead.RunAsync(() => ByTypeAsync(types, type => configuration.ListVersionsAsync(primary, type)), Timeout * 2, $"The primary tenant's store ({primary.Region})");
        var pingTask = PingAsync(primary.Region);
        await Task.WhenAll(correlatedTask, bcpTask, primaryTask, pingTask);

        var notes = new List<string>();
        var primaryListing = primaryTask.Result.Value;
        var primaryReachable = pingTask.Result && primaryListing is not null;
        if (!primaryReachable)
        {
            notes.Add($"{primaryTask.Result.Failure ?? $"The primary region's store ({primary.Region}) did not answer"}: the primary's changes are unknown, " +
                "and a BCP change to a synced copy is taken as overwritten (whether its primary entity still exists is unknown).");
            primaryListing = null;
        }

        if (correlatedTask.Result.Value is not { } correlated || bcpTask.Result.Value is not { } bcpListing)
        {
            notes.Add($"{correlatedTask.Result.Failure ?? bcpTask.Result.Failure}: the BCP tenant's changes are unknown.");
            return new FailbackReport(pair.PairId, pair.LastSwitch?.At, pair.ActiveSide, primaryReachable, [], null, notes);
        }

        var bcpChanges = new List<FailbackChange>();
        var primaryChanges = primaryListing is null ? null : new List<FailbackChange>();
        foreach (var type in types)
        {
            bcpChanges.AddRange(BcpChanges(type, correlated[type], bcpListing[type], primaryListing?[type]));
            primaryChanges?.AddRange(PrimaryChanges(type, correlated[type], primaryListing![type]));
        }

        var named = await NameAsync(bcp, primary, bcpChanges, primaryChanges);
        return new FailbackReport(pair.PairId, pair.LastSwitch?.At, pair.ActiveSide, primaryReachable, named.Bcp, named.Primary, notes);
    }

    /// <summary>What the BCP tenant did since the last sync, and what the next sync does to it (Grains/Sync/SyncEngine.cs).</summary>
    internal static IEnumerable<FailbackChange> BcpChanges(
        string type, Dictionary<string, Correlation> correlated, Dictionary<string, string> bcp, Dictionary<string, string>? primary)
    {
        var byBcpId = correlated.Values.ToDictionary(c => c.BcpId, StringComparer.Ordinal);
        foreach (var (id, etag) in bcp)
        {
            if (!byBcpId.TryGetValue(id, out var correlation))
            {
                // Only the BCP tenant has it: the sync never touches an entity it did not copy.
                yield return Change(type, id, null, FailbackChangeKind.Created, FailbackSyncWill.Leave);
            }
            else if (correlation.BcpETag is not null && correlation.BcpETag != etag)
            {
                var primaryGone = primary is not null && !primary.ContainsKey(correlation.PrimaryId);
                yield return Change(type, id, correlation.PrimaryId, FailbackChangeKind.Changed, primaryGone ? FailbackSyncWill.Delete : FailbackSyncWill.Overwrite);
            }
        }

        foreach (var correlation in correlated.Values.Where(c => c.IsComplete && !bcp.ContainsKey(c.BcpId)))
        {
            // A synced copy deleted in the BCP tenant is written again while its primary entity exists.
            var primaryGone = primary is not null && !primary.ContainsKey(correlation.PrimaryId);
            yield return Change(type, correlation.BcpId, correlation.PrimaryId, FailbackChangeKind.Deleted, primaryGone ? FailbackSyncWill.Leave : FailbackSyncWill.Overwrite);
        }
    }

    /// <summary>What the primary did since the last sync: the next sync carries it to the BCP tenant.</summary>
    private static IEnumerable<FailbackChange> PrimaryChanges(string type, Dictionary<string, Correlation> correlated, Dictionary<string, string> primary)
    {
        foreach (var (id, etag) in primary)
        {
            if (!correlated.TryGetValue(id, out var correlation))
            {
                yield return Change(type, null, id, FailbackChangeKind.Created, FailbackSyncWill.Create);
            }
            else if (correlation.PrimaryETag != etag)
            {
                yield return Change(type, correlation.BcpId, id, FailbackChangeKind.Changed, FailbackSyncWill.Overwrite);
            }
        }

        foreach (var correlation in correlated.Values.Where(c => !primary.ContainsKey(c.PrimaryId)))
        {
            yield return Change(type, correlation.BcpId, correlation.PrimaryId, FailbackChangeKind.Deleted, FailbackSyncWill.Delete);
        }
    }

    private static FailbackChange Change(string type, string? bcpId, string? primaryId, FailbackChangeKind change, FailbackSyncWill syncWill) =>
        new(type, bcpId, primaryId, null, null, null, change, syncWill);

    /// <summary>Names each change from the side that still has the entity (bounded; a name not read in time stays null).</summary>
    private async Task<(List<FailbackChange> Bcp, List<FailbackChange>? Primary)> NameAsync(
        TenantLocation bcp, TenantLocation primary, List<FailbackChange> bcpChanges, List<FailbackChange>? primaryChanges)
    {
        async Task<FailbackChange> Named(FailbackChange change)
        {
            var (tenant, id) = change.Change == FailbackChangeKind.Deleted || change.BcpId is null ? (primary, change.PrimaryId) : (bcp, change.BcpId);
            if (id is null || (tenant == primary && primaryChanges is null))
            {
                return change;
            }

            var read = await BoundedRead.RunAsync(async () => (await configuration.GetAsync(tenant, change.Type, id))?.Data ?? [], Timeout, "An entity");
            return change with { Name = read.Value is { } data ? NameOf(data) : null };
        }

        using var gate = new SemaphoreSlim(16);
        async Task<FailbackChange> Limited(FailbackChange change)
        {
            await gate.WaitAsync();
            try
            {
                return await Named(change);
            }
            finally
            {
                gate.Release();
            }
        }

        var bcpNamed = await Task.WhenAll(bcpChanges.Select(Limited));
        var primaryNamed = primaryChanges is null ? null : await Task.WhenAll(primaryChanges.Select(Limited));
        return ([.. bcpNamed], primaryNamed?.ToList());
    }

    private static string? NameOf(JsonObject data) =>
        (data["name"] ?? data["username"]) is JsonValue value && value.TryGetValue<string>(out var name) ? name : null;

    private async Task<bool> PingAsync(string region)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var read = await BoundedRead.RunAsync(async () => await stores.Get(region).PingAsync(timeout.Token) ? "reachable" : null!, Timeout, "The primary store");
        return read.Value is not null;
    }

    internal static async Task<Dictionary<string, T>> ByTypeAsync<T>(List<string> types, Func<string, Task<T>> read)
    {
        var values = await Task.WhenAll(types.Select(read));
        return types.Zip(values).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal);
    }
}

using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Abstractions.Correlations;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>
/// Reads what the checks need from what the sync already keeps: the run history and settings, the correlations
/// (with the primary ETag and content hash of every synced entity), listings (ids and ETags, no documents) of the
/// primary, and the few documents <see cref="KeptFacts"/> has not seen at their current version. Listings and
/// correlations are read again only where they changed (<see cref="KeptListings"/>, <see cref="KeptCorrelations"/>).
/// Every read is bounded by <see cref="ReadinessOptions.ReadTimeout"/>, the reads of a phase run at once.
/// </summary>
public sealed class ReadinessGatherer(
    IGrainFactory grains,
    IObjectStoreProvider stores,
    KeptListings listings,
    KeptCorrelations correlations,
    KeptFacts facts,
    IOptions<ReadinessOptions> options)
{
    private TimeSpan Timeout => options.Value.ReadTimeout;

    public async Task<ReadinessInputs> GatherAsync(PairStatus pair, DateTimeOffset now)
    {
        var primary = new TenantLocation(pair.Primary.TenantId, pair.Primary.Region);
        var bcp = new TenantLocation(pair.Bcp.TenantId, pair.Bcp.Region);
        var sync = grains.GetGrain<ISyncReminderGrain>(pair.PairId);
        var summaryTask = BoundedRead.RunAsync(sync.GetSummaryAsync, Timeout, "The sync settings (control store)");
        var runsTask = BoundedRead.RunAsync(() => sync.GetRunsAsync(50), Timeout, "The sync history (control store)");
        var correlationsTask = BoundedRead.RunAsync(() => LoadCorrelationsAsync(pair.PairId), Timeout, "The correlations (control store)");
        var listingTask = BoundedRead.RunAsync(() => ListAllTypesAsync(primary), Timeout, $"The primary tenant's store ({primary.Region})");
        var bcpScriptsTask = BoundedRead.RunAsync(() => listings.GetAsync(bcp, EntityTypes.Scripts), Timeout, $"The BCP tenant's store ({bcp.Region})");
        var storesTask = Task.WhenAll(
            PingAsync("control", StorageNames.Control),
            PingAsync("bcp", bcp.Region),
            PingAsync("primary", primary.Region));
        await Task.WhenAll(summaryTask, runsTask, correlationsTask, listingTask, bcpScriptsTask, storesTask);

        var listing = listingTask.Result;
        var correlated = correlationsTask.Result;
        var contacts = FactsAsync(primary, EntityTypes.PointsOfContact, listing, "points of contact");
        var users = FactsAsync(primary, EntityTypes.Users, listing, "users");
        var agentSettings = FactsAsync(primary, EntityTypes.AgentSettings, listing, "agent settings");
        var scripts = BcpScriptFactsAsync(bcp, bcpScriptsTask.Result, correlated);
        await Task.WhenAll(contacts, users, agentSettings, scripts);
        return new ReadinessInputs(
            pair, now, summaryTask.Result, runsTask.Result, correlated, listing,
            contacts.Result, users.Result, agentSettings.Result, scripts.Result, storesTask.Result);
    }

    private Task<Read<FactSet>> FactsAsync(TenantLocation tenant, string type, Read<Dictionary<string, Dictionary<string, string>>> listing, string what) =>
        listing.Value is { } types
            ? BoundedRead.RunAsync(() => facts.GetAsync(tenant, type, types[type], Timeout), Timeout * 2, $"The primary's {what} ({tenant.Region})")
            : Task.FromResult(Read<FactSet>.Missing(listing.Failure!));

    /// <summary>The BCP copies of synced scripts: those a completed correlation names.</summary>
    private Task<Read<FactSet>> BcpScriptFactsAsync(
        TenantLocation bcp, Read<Dictionary<string, string>> listing, Read<Dictionary<string, Dictionary<string, Correlation>>> correlations)
    {
        if (listing.Value is not { } versions || correlations.Value is not { } byType)
        {
            return Task.FromResult(Read<FactSet>.Missing(listing.Failure ?? correlations.Failure!));
        }

        var synced = byType[EntityTypes.Scripts].Values.Where(c => c.IsComplete).Select(c => c.BcpId).ToHashSet(StringComparer.Ordinal);
        var copies = versions.Where(version => synced.Contains(version.Key)).ToDictionary(StringComparer.Ordinal);
        return BoundedRead.RunAsync(() => facts.GetAsync(bcp, EntityTypes.Scripts, copies, Timeout), Timeout * 2, $"The BCP tenant's scripts ({bcp.Region})");
    }

    private async Task<StoreReach> PingAsync(string role, string name)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var read = await BoundedRead.RunAsync(async () => await stores.Get(name).PingAsync(timeout.Token) ? "reachable" : null!, Timeout, $"The {role} store ({name})");
        return new StoreReach(role, name, read.Value is not null ? null : read.Failure ?? $"The {role} store ({name}) did not answer");
    }

    private async Task<Dictionary<string, Dictionary<string, Correlation>>> LoadCorrelationsAsync(string pairId)
    {
        var types = EntityTypes.InSyncOrder.Select(type => type.Name).ToList();
        var sets = await Task.WhenAll(types.Select(type => correlations.GetAsync(pairId, type)));
        return types.Zip(sets).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, Dictionary<string, string>>> ListAllTypesAsync(TenantLocation tenant)
    {
        var types = EntityTypes.InSyncOrder.Select(type => type.Name).ToList();
        var listed = await Task.WhenAll(types.Select(type => listings.GetAsync(tenant, type)));
        return types.Zip(listed).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal);
    }
}

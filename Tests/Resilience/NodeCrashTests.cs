using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Sync;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// kill -9 of the Api process running a sync, in the middle of the run: once its heartbeat has
/// stopped, another node takes the run over and finishes it; the result is a clean run's (no
/// duplicate BCP entity, no orphan correlation, equal content).
/// </summary>
[TestClass]
// Alone: it bounds the takeover after a kill in time, which other classes' load would stretch.
[DoNotParallelize]
[TestCategory("Resilience")]
public sealed class NodeCrashTests
{
    /// <summary>
    /// Enough users that the run is still writing them when the kill lands (the killed run must be recorded as failed, not
    /// succeeded: asserted below); 3,000 took a minute to seed, sync twice and compare, for no more proof.
    /// </summary>
    private const int Users = 1000;

    /// <summary>
    /// Every node's sync heartbeat timeout: a fifth of the shipped 30 s, so the takeover waits 6 s for the dead run,
    /// not 30 (a live worker still reports four times within it, every 1.5 s: Silo/Sync/SyncRunner.cs).
    /// </summary>
    private static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan TakeoverBound = HeartbeatTimeout + TimeSpan.FromSeconds(15);

    [TestMethod]
    public async Task NodeKilledMidSync_AnotherNodeFinishesTheRun_LikeACleanRun()
    {
        var azurite = await AzuriteInstance.GetSharedAsync();
        var store = StoreSetup.Blob(azurite.ConnectionString, $"crash-{Guid.NewGuid():N}");
        var heartbeat = new Dictionary<string, string?> { ["Sync:HeartbeatTimeout"] = HeartbeatTimeout.ToString("c", CultureInfo.InvariantCulture) };
        var clock = Stopwatch.StartNew();
        // The node processes start while the observer starts and seeds (a start is mostly waiting): the seeding is through
        // the observer, so the nodes are not needed before the sync is configured.
        var starting = NodeProcess.StartApisAsync(2, new Dictionary<string, string?>(store.Settings.Concat(heartbeat)));
        var seeding = StartObserverAndSeedAsync(store, heartbeat, clock);
        try
        {
            await Task.WhenAll(starting, seeding);
        }
        catch
        {
            if (starting.IsCompletedSuccessfully)
            {
                foreach (var node in starting.Result)
                {
                    await node.DisposeAsync();
                }
            }

            if (seeding.IsCompletedSuccessfully)
            {
                await seeding.Result.Observer.DisposeAsync();
            }

            throw;
        }

        var (observerHost, pair, seeded) = await seeding;
        await using var observer = observerHost;
        var nodes = await starting;
        await using var doomed = nodes[0];
        await using var survivor = nodes[1];
        using var onDoomed = doomed.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        using var onSurvivor = survivor.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        await SyncClient.ConfigureAsync(onDoomed, pair.PairId);
        var started = clock.Elapsed;

        var firstRun = await SyncClient.StartAsync(onDoomed, pair.PairId);
        var bcp = TenantData.BcpOf(observer, pair);
        await Poll.UntilAsync(async () => await bcp.CountAsync(EntityTypes.Users) > 0, TimeSpan.FromSeconds(120), "the run to be writing users");
        await doomed.KillAsync();
        var killedAt = DateTime.UtcNow;
        var killed = clock.Elapsed;
        var copiedBeforeTheKill = await bcp.CountAsync(EntityTypes.Users);

        // The killed run blocks new ones until its heartbeat times out; then the survivor takes over.
        string? takeover = null;
        await Poll.UntilAsync(async () =>
        {
            var response = await onSurvivor.PostAsync($"/tenant-pairs/{pair.PairId}/sync/runs", null);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                takeover = (await response.Content.ReadFromJsonAsync<RunStarted>(BcpClient.Json))!.RunId;
                return true;
            }

            // 409 while the dead run's heartbeat is fresh; 503 while the cluster has not yet declared the node dead.
            Assert.IsTrue(response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable, await response.Content.ReadAsStringAsync());
            return false;
        }, TakeoverBound, "the survivor to take the run over");
        var tookOverAfter = DateTime.UtcNow - killedAt;
        var report = await SyncClient.WaitAsync(onSurvivor, pair.PairId, takeover!);
        Console.WriteLine($"node crash: observer up and seeded {seeded.TotalSeconds:F1} s after the start, nodes up and sync configured {started.TotalSeconds:F1} s after it, " +
            $"run {firstRun} killed {(killed - started).TotalSeconds:F1} s after that with {copiedBeforeTheKill} of {Users} users copied; run {takeover} started {tookOverAfter.TotalSeconds:F1} s later and {report.Outcome} " +
            $"{(clock.Elapsed - killed - tookOverAfter).TotalSeconds:F1} s after that");

        Assert.AreEqual(SyncOutcome.Succeeded, report.Outcome, report.Error);
        var killedRun = await SyncClient.GetRunAsync(onSurvivor, pair.PairId, firstRun);
        Assert.AreEqual(SyncOutcome.Failed, killedRun.Outcome, "the killed run is recorded as failed");
        var compareFrom = clock.Elapsed;
        await SyncMirror.AssertMirrorsAsync(observer, pair);
        Console.WriteLine($"node crash: the copies compared in {(clock.Elapsed - compareFrom).TotalSeconds:F1} s");
    }

    /// <summary>The observer (an in-process node of the cluster) and a pair whose primary holds the seeded data; when the seeding ended on <paramref name="clock"/>.</summary>
    private static async Task<(ApiHost Observer, TestPair Pair, TimeSpan Seeded)> StartObserverAndSeedAsync(
        StoreSetup store, IReadOnlyDictionary<string, string?> heartbeat, Stopwatch clock)
    {
        var observer = await ApiHost.StartAsync(store, settings: heartbeat);
        try
        {
            var pair = await BcpClient.CreatePairAsync(observer);
            await SeedAsync(TenantData.PrimaryOf(observer, pair));
            return (observer, pair, clock.Elapsed);
        }
        catch
        {
            await observer.DisposeAsync();
            throw;
        }
    }

    private static async Task SeedAsync(TenantData primary)
    {
        var roles = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => primary.AddAsync(EntityTypes.Roles, new { name = $"Role {i}" })));
        var teams = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => primary.AddAsync(EntityTypes.Teams, new { name = $"Team {i}" })));
        foreach (var chunk in Enumerable.Range(0, Users).Chunk(50))
        {
            await Task.WhenAll(chunk.Select(i => primary.AddAsync(EntityTypes.Users,
                new { username = $"agent{i:D5}@classics.example", firstName = "Agent", lastName = $"{i}", roleId = roles[i % 5], teamId = teams[i % 5] })));
        }
    }

    private sealed record RunStarted(string RunId);
}

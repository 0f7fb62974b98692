using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Api.Auth;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Reminders;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>The daily sync reminder (spec §3.4) with a fake clock shared by one or more silos on one store.</summary>
[TestClass]
public sealed class ReminderTests
{
    private static readonly DateTimeOffset EnabledAt = new(2026, 11, 23, 9, 30, 15, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly ReminderClock _clock = new(new FakeTimeProvider(EnabledAt));

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Reminder_FiresDailyAtTheEnablingTimeOfDay_UntilDisabled()
    {
        await using var host = await StartSiloAsync();
        var pair = await EnabledPairAsync(host);

        await _clock.AdvanceAsync(TimeSpan.FromDays(1) - ReminderClock.ScanInterval, host);
        Assert.AreEqual(0, (await ScheduledRunsAsync(host, pair)).Count, "nothing before the time of day");
        await _clock.AdvanceAsync(ReminderClock.ScanInterval, host);
        var runs = await ScheduledRunsAsync(host, pair);
        Assert.AreEqual(1, runs.Count);
        Assert.AreEqual(EnabledAt.AddDays(1), runs[0].StartedAt);
        Assert.AreEqual(SyncOutcome.Succeeded, runs[0].Outcome, runs[0].Error);
        await _clock.AdvanceAsync(TimeSpan.FromHours(12), host);
        Assert.AreEqual(1, (await ScheduledRunsAsync(host, pair)).Count, "once a day");
        await _clock.AdvanceAsync(TimeSpan.FromHours(12), host);
        Assert.AreEqual(EnabledAt.AddDays(2), (await ScheduledRunsAsync(host, pair))[0].StartedAt);

        await Grains(host).GetGrain<ISyncReminderGrain>(pair.PairId)
            .UpdateSettingsAsync(new SyncSettingsUpdate(false, SyncMode.Default, [], false), new("admin-1", pair.PrimaryTenantId));
        await _clock.AdvanceAsync(TimeSpan.FromDays(1), host);
        Assert.AreEqual(2, (await ScheduledRunsAsync(host, pair)).Count, "disabled: no more runs");
    }

    [TestMethod]
    public async Task Reminder_TwoSilosOnOneStore_RunOncePerDay()
    {
        await using var first = await StartSiloAsync();
        await using var second = await StartSiloAsync();
        var pair = await EnabledPairAsync(first);

        for (var day = 1; day <= 3; day++)
        {
            await _clock.AdvanceAsync(TimeSpan.FromDays(1), first, second);
            await _clock.AdvanceAsync(ReminderClock.ScanInterval, first, second);
            var runs = await ScheduledRunsAsync(first, pair);
            Assert.AreEqual(day, runs.Count, $"day {day}: exactly one run a day");
        }

        var partition = first.Services.GetRequiredService<ReminderTable>().PartitionOf(pair.PairId);
        var owners = new[] { first, second }.Count(host => ReminderClock.Service(host).OwnedPartitions.Contains(partition));
        Assert.AreEqual(1, owners, "one silo owns the partition");
    }

    [TestMethod]
    public async Task Reminder_OwnerStopped_TheOtherSiloFiresTheNextTick()
    {
        var first = await StartSiloAsync();
        await using var second = await StartSiloAsync();
        var pair = await EnabledPairAsync(first);
        await _clock.AdvanceAsync(TimeSpan.FromDays(1), first, second);
        var partition = first.Services.GetRequiredService<ReminderTable>().PartitionOf(pair.PairId);
        var (owner, other) = ReminderClock.Service(first).OwnedPartitions.Contains(partition) ? (first, second) : (second, first);
        Assert.AreEqual(1, (await ScheduledRunsAsync(other, pair)).Count);

        await owner.DisposeAsync();
        await _clock.AdvanceAsync(TimeSpan.FromDays(1), other);

        Assert.AreEqual(2, (await ScheduledRunsAsync(other, pair)).Count, "the remaining silo served the tick");
        CollectionAssert.Contains(ReminderClock.Service(other).OwnedPartitions.ToList(), partition);
        if (owner != first)
        {
            await first.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task Reminder_ClusterDownForThreeDays_RunsOneCatchUpRun()
    {
        var before = await StartSiloAsync();
        var pair = await EnabledPairAsync(before);
        await before.DisposeAsync();

        _clock.Time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromHours(2));
        await using var after = await StartSiloAsync();
        await after.Services.GetRequiredService<ReminderService>().WhenIdleAsync();
        for (var i = 0; i < 6; i++)
        {
            await _clock.AdvanceAsync(ReminderClock.ScanInterval, after);
        }

        var runs = await ScheduledRunsAsync(after, pair);
        Assert.AreEqual(1, runs.Count, "three missed ticks collapse into one catch-up run");
        Assert.AreEqual(SyncOutcome.Succeeded, runs[0].Outcome, runs[0].Error);
        await _clock.AdvanceAsync(TimeSpan.FromDays(1) - TimeSpan.FromHours(2), after);
        Assert.AreEqual(2, (await ScheduledRunsAsync(after, pair)).Count, "then daily again at the enabling time");
    }

    private async Task<ApiHost> StartSiloAsync()
    {
        var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), _clock.Time);
        await ReminderClock.StartedAsync(host);
        return host;
    }

    private async Task<TestPair> EnabledPairAsync(ApiHost host)
    {
        var pair = await BcpClient.CreatePairAsync(host);
        await TenantData.PrimaryOf(host, pair).AddAsync(EntityTypes.Skills, new { name = "Billing" });
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        var settings = await SyncClient.ConfigureAsync(admin, pair.PairId);
        Assert.AreEqual(EnabledAt.TimeOfDay, settings.DailyAt);
        Assert.AreEqual(EnabledAt.AddDays(1), settings.NextRunAt);
        return pair;
    }

    /// <summary>Through the grain interface: the clock has moved past the lifetime of any token.</summary>
    private static async Task<List<SyncRunReport>> ScheduledRunsAsync(ApiHost host, TestPair pair) =>
        [.. (await Grains(host).GetGrain<ISyncReminderGrain>(pair.PairId).GetRunsAsync(50)).Where(run => run.Trigger == SyncTrigger.Schedule)];

    private static IGrainFactory Grains(ApiHost host) => host.Services.GetRequiredService<IGrainFactory>();
}

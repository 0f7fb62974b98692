using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>
/// The daily sync reminder (docs/sync.md) on Orleans reminders. The reminder ticks every second in real
/// time (test cluster settings); the product's clock is a fake the test moves, so "a day later" is a step.
/// </summary>
[TestClass]
public sealed class ReminderTests
{
    private static readonly DateTimeOffset EnabledAt = new(2026, 11, 23, 9, 30, 15, TimeSpan.Zero);

    /// <summary>Several check ticks: long enough for a due run to have started if it were going to.</summary>
    private static readonly TimeSpan SeveralTicks = TimeSpan.FromSeconds(4);

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(EnabledAt);
    private readonly BlobTestContainer _container = new("reminders");

    [TestCleanup]
    public async Task Cleanup()
    {
        _folder.Dispose();
        await _container.DeleteAsync();
    }

    [TestMethod]
    public async Task Reminder_FiresDailyAtTheEnablingTimeOfDay_UntilDisabled()
    {
        await using var host = await StartSiloAsync();
        var pair = await EnabledPairAsync(host);

        _time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        await Task.Delay(SeveralTicks);
        Assert.AreEqual(0, (await ScheduledRunsAsync(host, pair)).Count, "nothing before the time of day");
        _time.Advance(TimeSpan.FromSeconds(1));
        var runs = await WaitForScheduledRunsAsync(host, pair, 1);
        Assert.AreEqual(EnabledAt.AddDays(1), runs[0].StartedAt);
        Assert.AreEqual(SyncOutcome.Succeeded, runs[0].Outcome, runs[0].Error);

        _time.Advance(TimeSpan.FromHours(12));
        await Task.Delay(SeveralTicks);
        Assert.AreEqual(1, (await ScheduledRunsAsync(host, pair)).Count, "once a day");
        _time.Advance(TimeSpan.FromHours(12));
        Assert.AreEqual(EnabledAt.AddDays(2), (await WaitForScheduledRunsAsync(host, pair, 2))[0].StartedAt);

        await Grains(host).GetGrain<ISyncReminderGrain>(pair.PairId)
            .UpdateSettingsAsync(new SyncSettingsUpdate(false, SyncMode.Default, [], false), new("admin-1", pair.PrimaryTenantId));
        _time.Advance(TimeSpan.FromDays(1));
        await Task.Delay(SeveralTicks);
        Assert.AreEqual(2, (await ScheduledRunsAsync(host, pair)).Count, "disabled: no more runs");
    }

    [TestMethod]
    public async Task Reminder_TwoSilosInOneCluster_RunOncePerDay()
    {
        await using var first = await StartSiloAsync();
        await using var second = await StartSiloAsync();
        var pair = await EnabledPairAsync(first);

        for (var day = 1; day <= 3; day++)
        {
            _time.Advance(TimeSpan.FromDays(1));
            await WaitForScheduledRunsAsync(second, pair, day);
            await Task.Delay(SeveralTicks);
            Assert.AreEqual(day, (await ScheduledRunsAsync(first, pair)).Count, $"day {day}: exactly one run a day");
        }
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(1)]
    public async Task Reminder_OneOfTwoSilosStopped_TheOtherFiresTheNextTick(int stopped)
    {
        var store = await _container.CreateAsync();
        var hosts = new[] { await ApiHost.StartAsync(store, _time), await ApiHost.StartAsync(store, _time) };
        try
        {
            var pair = await EnabledPairAsync(hosts[0]);
            _time.Advance(TimeSpan.FromDays(1));
            await WaitForScheduledRunsAsync(hosts[1], pair, 1);

            await hosts[stopped].DisposeAsync();
            var survivor = hosts[1 - stopped];
            _time.Advance(TimeSpan.FromDays(1));
            var runs = await WaitForScheduledRunsAsync(survivor, pair, 2);
            Assert.AreEqual(SyncOutcome.Succeeded, runs[0].Outcome, runs[0].Error);
            Assert.AreEqual(EnabledAt.AddDays(2), runs[0].StartedAt, "the survivor served the next daily tick");
        }
        finally
        {
            await hosts[1 - stopped].DisposeAsync();
        }
    }

    [TestMethod]
    public async Task Reminder_ClusterDownForThreeDays_RunsOneCatchUpRun()
    {
        var before = await StartSiloAsync();
        var pair = await EnabledPairAsync(before);
        await before.DisposeAsync();

        _time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromHours(2));
        await using var after = await StartSiloAsync();
        var runs = await WaitForScheduledRunsAsync(after, pair, 1);
        await Task.Delay(SeveralTicks);
        runs = await ScheduledRunsAsync(after, pair);
        Assert.AreEqual(1, runs.Count, "three missed due times give one catch-up run");
        Assert.AreEqual(SyncOutcome.Succeeded, runs[0].Outcome, runs[0].Error);

        _time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromHours(2));
        Assert.AreEqual(EnabledAt.AddDays(4), (await WaitForScheduledRunsAsync(after, pair, 2))[0].StartedAt, "then daily again at the enabling time");
    }

    [TestMethod]
    public async Task Reminder_ChosenDailyAt_FiresAtThatTime_AndAtTheNewOneOnceMoved()
    {
        await using var host = await StartSiloAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        await TenantData.PrimaryOf(host, pair).AddAsync(EntityTypes.Skills, new { name = "Billing" });
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        var evening = EnabledAt.Date + new TimeSpan(21, 0, 0);

        var settings = await SyncClient.ConfigureAsync(admin, pair.PairId, dailyAt: "21:00");
        Assert.AreEqual(("21:00", (DateTimeOffset?)new DateTimeOffset(evening, TimeSpan.Zero)), (settings.DailyAt, settings.NextRunAt));
        _time.Advance(evening - EnabledAt.UtcDateTime - TimeSpan.FromSeconds(1));
        await Task.Delay(SeveralTicks);
        Assert.AreEqual(0, (await ScheduledRunsAsync(host, pair)).Count, "nothing before the chosen time");
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.AreEqual(new DateTimeOffset(evening, TimeSpan.Zero), (await WaitForScheduledRunsAsync(host, pair, 1))[0].StartedAt, "the run comes at nextRunAt");

        // Moved to the small hours: the next run is at the new time, tomorrow, and no run comes at the old one.
        var moved = await Grains(host).GetGrain<ISyncReminderGrain>(pair.PairId)
            .UpdateSettingsAsync(new SyncSettingsUpdate(true, SyncMode.Default, [], false, new TimeSpan(6, 15, 0)), new("admin-1", pair.PrimaryTenantId));
        var early = new DateTimeOffset(evening.AddDays(1).Date + new TimeSpan(6, 15, 0), TimeSpan.Zero);
        Assert.AreEqual(early, moved.NextRunAt);
        _time.Advance(early - _time.GetUtcNow() - TimeSpan.FromSeconds(1));
        await Task.Delay(SeveralTicks);
        Assert.AreEqual(1, (await ScheduledRunsAsync(host, pair)).Count, "nothing between the times");
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.AreEqual(early, (await WaitForScheduledRunsAsync(host, pair, 2))[0].StartedAt);
    }

    private Task<ApiHost> StartSiloAsync() => ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), _time);

    private async Task<TestPair> EnabledPairAsync(ApiHost host)
    {
        var pair = await BcpClient.CreatePairAsync(host);
        await TenantData.PrimaryOf(host, pair).AddAsync(EntityTypes.Skills, new { name = "Billing" });
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        var settings = await SyncClient.ConfigureAsync(admin, pair.PairId);
        Assert.AreEqual("09:30", settings.DailyAt, "to the minute; the run comes at the enabling call's exact time of day");
        Assert.AreEqual(EnabledAt.AddDays(1), settings.NextRunAt);
        return pair;
    }

    /// <summary>Waits until <paramref name="count"/> scheduled runs have ended (a run still going would look dead once the clock moves).</summary>
    private static async Task<List<SyncRunReport>> WaitForScheduledRunsAsync(ApiHost host, TestPair pair, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var runs = await ScheduledRunsAsync(host, pair);
            if (runs.Count >= count && runs.All(run => run.Outcome != SyncOutcome.Running))
            {
                Assert.AreEqual(count, runs.Count, "no more runs than due");
                return runs;
            }

            Assert.IsTrue(DateTime.UtcNow < deadline, $"{count} scheduled runs did not end in time (have {runs.Count})");
            await Task.Delay(100);
        }
    }

    /// <summary>Through the grain interface: the clock has moved past the lifetime of any token.</summary>
    private static async Task<List<SyncRunReport>> ScheduledRunsAsync(ApiHost host, TestPair pair) =>
        [.. (await Grains(host).GetGrain<ISyncReminderGrain>(pair.PairId).GetRunsAsync(50)).Where(run => run.Trigger == SyncTrigger.Schedule)];

    private static IGrainFactory Grains(ApiHost host) => host.Services.GetRequiredService<IGrainFactory>();
}

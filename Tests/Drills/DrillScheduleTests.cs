using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Drills;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Abstractions.Webhooks;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Webhooks;

namespace Orleans.Bcp.Tests.Drills;

/// <summary>
/// The weekly drill on an Orleans reminder (docs/drills.md). The reminder ticks every second in real time; the product's
/// clock is a fake the test moves, so "next Monday" is a step.
/// </summary>
[TestClass]
public sealed class DrillScheduleTests
{
    /// <summary>A Monday.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Several check ticks: long enough for a due drill to have run if it were going to.</summary>
    private static readonly TimeSpan SeveralTicks = TimeSpan.FromSeconds(4);

    private static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?> { ["Drills:CheckPeriod"] = "00:00:01" };

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Now);

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Schedule_PutAndGet_ThenTheReminderRunsTheDrillOnThatDay_AsTheSchedule_AndAnnouncesIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), _time, Settings, environment: "Development");
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit, Permissions.SyncEdit);
        await WebhookClient.RegisterAsync(admin, pair.PairId, receiver.Url, WebhookEventTypes.DrillCompleted);

        var put = await admin.PutAsJsonAsync($"/tenant-pairs/{pair.PairId}/drills/schedule", new { enabled = true, weekday = "Monday", at = "09:00" });
        var schedule = JsonNode.Parse(await put.Content.ReadAsStringAsync())!;
        Assert.AreEqual(System.Net.HttpStatusCode.OK, put.StatusCode, schedule.ToJsonString());
        Assert.AreEqual((true, "monday", "09:00", Now.AddHours(1)),
            (schedule["enabled"]!.GetValue<bool>(), schedule["weekday"]!.GetValue<string>(), schedule["at"]!.GetValue<string>(), schedule["nextRunAt"]!.GetValue<DateTimeOffset>()));
        Assert.AreEqual(schedule.ToJsonString(), JsonNode.Parse(await admin.GetStringAsync($"/tenant-pairs/{pair.PairId}/drills/schedule"))!.ToJsonString());

        _time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        await Task.Delay(SeveralTicks);
        Assert.HasCount(0, await DrillsAsync(host, pair), "nothing before the time");
        _time.Advance(TimeSpan.FromSeconds(1));
        var drill = (await WaitForDrillsAsync(host, pair, 1))[0];
        Assert.AreEqual((DrillActors.Schedule, PairRole.Bcp), (drill.Actor, drill.Side), "the schedule drills a switch away from the active side");
        Assert.IsFalse(drill.Steps.Exists(step => step.Id == DrillStepIds.Passkey), "no passkey step");
        var received = await receiver.WaitForAsync(webhook => webhook.Type == WebhookEventTypes.DrillCompleted, TimeSpan.FromSeconds(15));
        Assert.AreEqual(("schedule", drill.DrillId), (received.Json.GetProperty("data").GetProperty("actor").GetProperty("userId").GetString(),
            received.Json.GetProperty("data").GetProperty("details").GetProperty("drillId").GetString()));

        _time.Advance(TimeSpan.FromDays(6));
        await Task.Delay(SeveralTicks);
        Assert.HasCount(1, await DrillsAsync(host, pair), "once a week");
        _time.Advance(TimeSpan.FromDays(1));
        Assert.AreEqual(Now.AddHours(1).AddDays(7), (await WaitForDrillsAsync(host, pair, 2))[0].StartedAt, "next Monday at 09:00");
    }

    /// <summary>Through the grain interface: the clock has moved past the lifetime of any token.</summary>
    private static async Task<List<DrillReport>> DrillsAsync(ApiHost host, TestPair pair) =>
        [.. await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IPairDrillsGrain>(pair.PairId).ListAsync(IPairDrillsGrain.HistoryLimit)];

    private static async Task<List<DrillReport>> WaitForDrillsAsync(ApiHost host, TestPair pair, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var drills = await DrillsAsync(host, pair);
            if (drills.Count >= count)
            {
                Assert.HasCount(count, drills, "no more drills than due");
                return drills;
            }

            Assert.IsTrue(DateTime.UtcNow < deadline, $"{count} scheduled drills did not run in time (have {drills.Count})");
            await Task.Delay(100);
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>
/// <c>GET</c>/<c>PUT /tenant-pairs/{pairId}/sync</c>: the types a mode copies, the daily time as <c>"HH:mm"</c>
/// (UTC), chosen with <c>dailyAt</c> or fixed by the enabling call, and the <c>nextRunAt</c> it gives.
/// </summary>
[TestClass]
public sealed class SyncSettingsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 18, 34, 4, 877, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Now);

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Settings_DefaultMode_AnswersAllElevenTypesInSyncOrder_CustomTheChosenOnes()
    {
        await using var host = await StartAsync();
        var (pair, admin) = await PairAsync(host);

        var initial = await SyncClient.GetSettingsAsync(admin, pair.PairId);
        var enabled = await SyncClient.ConfigureAsync(admin, pair.PairId);
        var custom = await SyncClient.ConfigureAsync(admin, pair.PairId, mode: "custom", entityTypes: [EntityTypes.Users, EntityTypes.Roles, EntityTypes.Users]);

        var all = EntityTypes.InSyncOrder.Select(type => type.Name).ToArray();
        CollectionAssert.AreEqual(all, initial.EntityTypes.ToArray(), "a pair that never set sync is in default mode");
        CollectionAssert.AreEqual(all, enabled.EntityTypes.ToArray());
        CollectionAssert.AreEqual(new[] { EntityTypes.Roles, EntityTypes.Users }, custom.EntityTypes.ToArray(), "the chosen types once each, in sync order");
    }

    [TestMethod]
    public async Task Settings_EnableWithoutDailyAt_TakesTheTimeOfTheCall_ShownAsHoursAndMinutes()
    {
        await using var host = await StartAsync();
        var (pair, admin) = await PairAsync(host);

        var enabled = await SyncClient.ConfigureAsync(admin, pair.PairId);
        var body = await admin.GetFromJsonAsync<JsonObject>($"/tenant-pairs/{pair.PairId}/sync");
        _time.Advance(TimeSpan.FromHours(2));
        var again = await SyncClient.ConfigureAsync(admin, pair.PairId, rewriteScriptIds: true);

        Assert.AreEqual(("18:34", Now.AddDays(1)), (enabled.DailyAt, enabled.NextRunAt));
        Assert.AreEqual("18:34", body!["dailyAt"]!.GetValue<string>(), "JSON: \"HH:mm\"");
        Assert.AreEqual(("18:34", Now.AddDays(1)), (again.DailyAt, again.NextRunAt), "an enabled sync keeps its time when none is given");
        var status = await admin.GetFromJsonAsync<JsonObject>($"/tenant-pairs/{pair.PairId}");
        Assert.AreEqual("18:34", status!["sync"]!["settings"]!["dailyAt"]!.GetValue<string>(), "the pair status shows the same form");
    }

    [TestMethod]
    public async Task Settings_ChosenDailyAt_IsTheTimeNextRunAtShows_TodayOrTomorrow()
    {
        await using var host = await StartAsync();
        var (pair, admin) = await PairAsync(host);

        var tomorrow = await SyncClient.ConfigureAsync(admin, pair.PairId, dailyAt: "02:30");
        var later = await SyncClient.ConfigureAsync(admin, pair.PairId, dailyAt: "23:05");
        var kept = await SyncClient.ConfigureAsync(admin, pair.PairId);
        var disabled = await SyncClient.ConfigureAsync(admin, pair.PairId, enabled: false);

        Assert.AreEqual(("02:30", new DateTimeOffset(2026, 11, 24, 2, 30, 0, TimeSpan.Zero)), (tomorrow.DailyAt, tomorrow.NextRunAt), "02:30 has passed today");
        Assert.AreEqual(("23:05", new DateTimeOffset(2026, 11, 23, 23, 5, 0, TimeSpan.Zero)), (later.DailyAt, later.NextRunAt), "an enabled sync moves to the new time, still today");
        Assert.AreEqual(later.NextRunAt, kept.NextRunAt, "no dailyAt: the chosen time stays");
        Assert.AreEqual(("23:05", (DateTimeOffset?)null), (disabled.DailyAt, disabled.NextRunAt), "disabled: the time is kept, nothing is due");
        var audit = await BcpClient.GetAuditAsync(admin, pair.PairId);
        Assert.AreEqual("23:05", audit.First(entry => entry.Action == "sync-settings" && entry.Outcome == "enabled").Details["dailyAt"]?.ToString());
    }

    [TestMethod]
    [DataRow("\"24:00\"")]
    [DataRow("\"7:30\"")]
    [DataRow("\"07:30:00\"")]
    [DataRow("\"07-30\"")]
    [DataRow("\" 07:30\"")]
    [DataRow("\"\"")]
    [DataRow("\"0730\"")]
    [DataRow("\"07:60\"")]
    [DataRow("\"٠٧:٣٠\"")]
    public async Task Settings_BadDailyAt_IsAValidationProblemAndChangesNothing(string dailyAt)
    {
        await using var host = await StartAsync();
        var (pair, admin) = await PairAsync(host);

        var response = await admin.PutAsync($"/tenant-pairs/{pair.PairId}/sync",
            new StringContent($"{{\"enabled\":true,\"dailyAt\":{dailyAt}}}", System.Text.Encoding.UTF8, "application/json"));

        var problem = await BcpClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.AreEqual("/problems/validation", problem.GetProperty("type").GetString());
        StringAssert.Contains(problem.GetProperty("errors").GetProperty("dailyAt")[0].GetString(), "HH:mm");
        Assert.IsFalse((await SyncClient.GetSettingsAsync(admin, pair.PairId)).Enabled);
    }

    [TestMethod]
    public async Task Settings_DailyAtNotAString_IsABadRequest()
    {
        await using var host = await StartAsync();
        var (pair, admin) = await PairAsync(host);

        var response = await admin.PutAsync($"/tenant-pairs/{pair.PairId}/sync",
            new StringContent("{\"enabled\":true,\"dailyAt\":730}", System.Text.Encoding.UTF8, "application/json"));

        await BcpClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.IsFalse((await SyncClient.GetSettingsAsync(admin, pair.PairId)).Enabled);
    }

    private Task<ApiHost> StartAsync() => ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), _time);

    private static async Task<(TestPair Pair, HttpClient Admin)> PairAsync(ApiHost host)
    {
        var pair = await BcpClient.CreatePairAsync(host);
        return (pair, host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit));
    }
}

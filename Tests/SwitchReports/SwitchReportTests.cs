using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.SwitchReports;
using Orleans.Bcp.Grains.Abstractions.Webhooks;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Login;
using Orleans.Bcp.Tests.Webhooks;
using static Orleans.Bcp.Tests.SwitchReports.SwitchReportClient;

namespace Orleans.Bcp.Tests.SwitchReports;

/// <summary>Switch reports through HTTP on the embedded profile (docs/switch-reports.md): each switch's measured timeline.</summary>
[TestClass]
public sealed class SwitchReportTests
{
    private const string Username = "agent@classics.example";
    private const string Number = "+15551230000";

    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Switches_ThenReads_ReportTimesInOrder_NewestFirst_AndSwitchSucceededLinksTheReport()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // Development: webhooks may post to the loopback receiver.
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), environment: "Development");
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit, Permissions.TenantConfigEdit, Permissions.AccessEdit);
        await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.Users, new { username = Username, bcpType = "single" });
        await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.PointsOfContact, new { name = "Main line", channel = "voice", address = Number });
        await WebhookClient.RegisterAsync(admin, pair.PairId, receiver.Url, WebhookEventTypes.SwitchSucceeded);
        using var login = LoginClient.For(host);
        Assert.IsEmpty(await ListAsync(admin, pair.PairId), "no switch, no report");

        (await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey)).EnsureSuccessStatusCode();
        var first = await EventuallyAsync(admin, pair.PairId, 1, report => Has(report, "nodesAcknowledged"));
        (await BcpClient.SwitchAsync(admin, pair.PairId, "primary", pair.Passkey)).EnsureSuccessStatusCode();
        (await BcpClient.SwitchAsync(admin, pair.PairId, "primary", pair.Passkey)).EnsureSuccessStatusCode();
        var options = await LoginClient.OptionsAsync(login, Username);
        using var routed = await login.GetAsync($"/routing/voice?address={Uri.EscapeDataString(Number)}");
        Assert.AreEqual((2L, HttpStatusCode.OK), (options.Epoch, routed.StatusCode), "both reads answer with the second switch");

        var second = await EventuallyAsync(admin, pair.PairId, 2,
            report => Has(report, "effectiveEverywhereAt") && Has(report, "firstLoginOptionsAt") && Has(report, "firstVoiceRoutingAt"));

        Assert.AreEqual((2L, "primary", "admin-1", pair.PrimaryTenantId, 1),
            (second.GetProperty("epoch").GetInt64(), second.GetProperty("side").GetString(), second.GetProperty("actor").GetProperty("userId").GetString(),
                second.GetProperty("actor").GetProperty("tenantId").GetString(), second.GetProperty("nodesAcknowledged").GetInt32()), second.ToString());
        var requested = Time(second, "requestedAt");
        var committed = Time(second, "committedAt");
        Assert.IsTrue(requested <= committed && committed <= Time(second, "effectiveEverywhereAt"), second.ToString());
        Assert.IsTrue(committed <= Time(second, "firstLoginOptionsAt") && committed <= Time(second, "firstVoiceRoutingAt"), second.ToString());
        foreach (var (ms, at) in new[] { ("msToCommit", "committedAt"), ("msToEffective", "effectiveEverywhereAt"), ("msToFirstLogin", "firstLoginOptionsAt"), ("msToFirstRouting", "firstVoiceRoutingAt") })
        {
            var value = second.GetProperty(ms).GetDouble();
            Assert.IsTrue(value >= 0, $"{ms} = {value}");
            Assert.AreEqual((Time(second, at) - requested).TotalMilliseconds, value, 0.1, ms);
        }

        // A second read of each kind changes nothing: the first answer is kept.
        await LoginClient.OptionsAsync(login, Username);
        Assert.AreEqual(Time(second, "firstLoginOptionsAt"), Time(await GetAsync(admin, pair.PairId, 2), "firstLoginOptionsAt"));

        Assert.AreEqual((JsonValueKind.Null, JsonValueKind.Null), (second.GetProperty("approvedAt").ValueKind, second.GetProperty("msToApproval").ValueKind), "no approval, no approval time");

        first = await GetAsync(admin, pair.PairId, 1);
        Assert.AreEqual(("bcp", 1), (first.GetProperty("side").GetString(), first.GetProperty("nodesAcknowledged").GetInt32()));
        foreach (var name in new[] { "firstLoginOptionsAt", "firstVoiceRoutingAt", "msToFirstLogin", "msToFirstRouting" })
        {
            Assert.AreEqual(JsonValueKind.Null, first.GetProperty(name).ValueKind, $"no read while epoch 1 was active: {name} is null");
        }

        CollectionAssert.AreEqual(new[] { 2L, 1L }, (await ListAsync(admin, pair.PairId)).Select(report => report.GetProperty("epoch").GetInt64()).ToArray(),
            "newest first; the already-active switch has no report");

        var announced = await receiver.WaitForAsync(webhook => webhook.Type == WebhookEventTypes.SwitchSucceeded
            && webhook.Json.GetProperty("data").GetProperty("epoch").GetInt64() == 2, TimeSpan.FromSeconds(15));
        var link = announced.Json.GetProperty("data").GetProperty("report").GetString();
        Assert.AreEqual($"/tenant-pairs/{pair.PairId}/switches/2", link);
        Assert.AreEqual(2L, (await GetAsync(admin, pair.PairId, 2)).GetProperty("epoch").GetInt64(), "the link reads the report");
    }

    [TestMethod]
    public async Task Reports_UnknownEpochIs404_BadEpochIs400_AnotherTenantsUserGets404()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        using var stranger = host.ClientFor("another-tenant", "admin-9", Permissions.ActivationEdit);
        (await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey)).EnsureSuccessStatusCode();
        await EventuallyAsync(admin, pair.PairId, 1, report => true);

        var unknown = await BcpClient.ReadProblemAsync(await admin.GetAsync($"/tenant-pairs/{pair.PairId}/switches/2"), HttpStatusCode.NotFound);
        Assert.AreEqual("/problems/not-found", unknown.GetProperty("type").GetString());
        foreach (var bad in new[] { "0", "-1", "abc", "1.5", "99999999999999999999" })
        {
            var problem = await BcpClient.ReadProblemAsync(await admin.GetAsync($"/tenant-pairs/{pair.PairId}/switches/{bad}"), HttpStatusCode.BadRequest);
            Assert.IsTrue(problem.GetProperty("errors").TryGetProperty("epoch", out _), $"{bad}: {problem}");
        }

        await BcpClient.ReadProblemAsync(await stranger.GetAsync($"/tenant-pairs/{pair.PairId}/switches"), HttpStatusCode.NotFound);
        await BcpClient.ReadProblemAsync(await stranger.GetAsync($"/tenant-pairs/{pair.PairId}/switches/1"), HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task ManyReadsAfterASwitch_CallTheReportGrainOncePerKind()
    {
        var calls = new CountedGrainCalls();
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")),
            services: services => services.AddSingleton<IOutgoingGrainCallFilter>(calls));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit, Permissions.TenantConfigEdit, Permissions.AccessEdit);
        await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.Users, new { username = Username, bcpType = "multiple" });
        await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.PointsOfContact, new { name = "Main line", channel = "voice", address = Number });
        using var login = LoginClient.For(host);
        (await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey)).EnsureSuccessStatusCode();
        (await BcpClient.SwitchAsync(admin, pair.PairId, "primary", pair.Passkey)).EnsureSuccessStatusCode();
        await EventuallyAsync(admin, pair.PairId, 2, report => Has(report, "nodesAcknowledged"));
        var reportType = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISwitchReportGrain>("any").GetGrainId().Type;
        calls.Reset();

        for (var read = 0; read < 20; read++)
        {
            Assert.AreEqual(2L, (await LoginClient.OptionsAsync(login, Username)).Epoch);
            using var routed = await login.GetAsync($"/routing/voice?address={Uri.EscapeDataString(Number)}");
            Assert.AreEqual(HttpStatusCode.OK, routed.StatusCode);
        }

        Assert.AreEqual(2, calls.To(reportType, id => id == pair.PairId), "one first answer of each kind; the other 38 reads call nothing");
        await EventuallyAsync(admin, pair.PairId, 2, report => Has(report, "firstLoginOptionsAt") && Has(report, "firstVoiceRoutingAt"));
    }
}

using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Silo.Hosting;
using Orleans.Bcp.Tests.Drills;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Login;
using Orleans.Bcp.Tests.Resilience;
using static Orleans.Bcp.Tests.SwitchReports.SwitchReportClient;

namespace Orleans.Bcp.Tests.SwitchReports;

/// <summary>A drill record and a switch report are kept in the control store: a node's restart and the other node of a cluster read them.</summary>
[TestClass]
public sealed class SwitchRecordsDurabilityTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task DrillAndSwitchReport_SurviveAKilledNode_RestartedOverTheSameSqliteFile()
    {
        var settings = new Dictionary<string, string?>(StoreSetup.Sqlite(_folder.File("bcp.db")).Settings)
        {
            // The killed node's row still says active: the restarted one joins without reaching it, and declares it dead soon.
            ["Cluster:Membership:ValidateInitialConnectivity"] = "false",
            ["Cluster:Membership:ProbeTimeout"] = OutageMembership.ProbeTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["Cluster:Membership:NumMissedProbesLimit"] = OutageMembership.NumMissedProbesLimit.ToString(CultureInfo.InvariantCulture),
        };
        string pairId, primaryTenantId, drillId;
        JsonElement report;
        await using (var first = await NodeProcess.StartApiAsync(settings))
        {
            using var operatorClient = first.ClientFor("ops", "operator-1", Permissions.Setup);
            primaryTenantId = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc.", "us-east");
            var bcp = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc. BCP", "eu-west");
            var created = await (await operatorClient.PostAsJsonAsync("/tenant-pairs", new { primaryTenantId, bcpTenantId = bcp })).Content.ReadFromJsonAsync<JsonElement>();
            pairId = created.GetProperty("pairId").GetString()!;
            var passkey = created.GetProperty("passkey").GetString()!;
            using var admin = first.ClientFor(primaryTenantId, "admin-1", Permissions.ActivationEdit);
            drillId = (await DrillClient.RunAsync(admin, pairId, "bcp", passkey))["drillId"]!.GetValue<string>();
            (await BcpClient.SwitchAsync(admin, pairId, "bcp", passkey)).EnsureSuccessStatusCode();
            report = await EventuallyAsync(admin, pairId, 1, candidate => Has(candidate, "nodesAcknowledged"));

            // A crash, not a shutdown: nothing gets a last write.
            await first.KillAsync();
        }

        await using var restarted = await NodeProcess.StartApiAsync(settings);
        using var reader = restarted.ClientFor(primaryTenantId, "admin-1", Permissions.ActivationEdit);

        Assert.AreEqual(drillId, (await DrillClient.ListAsync(reader, pairId)).Single()!["drillId"]!.GetValue<string>());
        Assert.AreEqual(Identity(report), Identity(await GetAsync(reader, pairId, 1)));
    }

    [TestMethod]
    public async Task DrillAndSwitchReport_AreReadFromTheOtherNodeOfATwoNodeCluster()
    {
        var store = StoreSetup.Sqlite(_folder.File("bcp.db"));
        await using var first = await ApiHost.StartAsync(store);
        await using var second = await ApiHost.StartAsync(store);
        var membership = first.Services.GetRequiredService<IClusterMembershipService>();
        await LoginClient.EventuallyAsync(
            () => Task.FromResult(membership.CurrentSnapshot.Members.Values.Count(member => member.Status == SiloStatus.Active) == 2), TimeSpan.FromSeconds(30), "both silos active");
        var pair = await BcpClient.CreatePairAsync(first);
        using var onFirst = first.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var drillId = (await DrillClient.RunAsync(onFirst, pair.PairId, "bcp", pair.Passkey))["drillId"]!.GetValue<string>();
        (await BcpClient.SwitchAsync(onFirst, pair.PairId, "bcp", pair.Passkey)).EnsureSuccessStatusCode();
        var report = await EventuallyAsync(onFirst, pair.PairId, 1, candidate => Has(candidate, "nodesAcknowledged"));

        using var onSecond = second.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);

        Assert.AreEqual(drillId, (await DrillClient.ListAsync(onSecond, pair.PairId)).Single()!["drillId"]!.GetValue<string>());
        var read = await GetAsync(onSecond, pair.PairId, 1);
        Assert.AreEqual(Identity(report), Identity(read), read.ToString());
    }

    /// <summary>What the node that took the switch wrote (the commit time may still be refined by the effect record).</summary>
    private static (long, string?, string?, DateTimeOffset) Identity(JsonElement report) =>
        (report.GetProperty("epoch").GetInt64(), report.GetProperty("side").GetString(), report.GetProperty("actor").GetProperty("userId").GetString(), Time(report, "requestedAt"));
}

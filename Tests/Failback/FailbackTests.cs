using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Readiness;
using Orleans.Bcp.Tests.Sync;

namespace Orleans.Bcp.Tests.Failback;

/// <summary>
/// The guarded failback (docs/failback.md): the report of what the first sync after a return overwrites, the count in the
/// return switch's answer and audit entry, and the first sync holding the deletes of copies edited in the BCP tenant.
/// Real SQLite stores, through HTTP on the embedded profile.
/// </summary>
[TestClass]
public sealed class FailbackTests
{
    /// <summary>A switch that waits long enough for the report on a loaded machine: these tests are about what it counts.</summary>
    private static readonly IReadOnlyDictionary<string, string?> Settings =
        new Dictionary<string, string?>(ReadinessClient.FreshReports) { ["Readiness:SwitchWait"] = "00:00:10" };

    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Failback_AfterWorkInTheBcpTenant_ListsItWithWhatTheSync_Counts_AndTheFirstSyncHoldsTheDelete()
    {
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit, Permissions.SyncEdit);
        var primary = TenantData.PrimaryOf(host, pair);
        var bcp = TenantData.BcpOf(host, pair);
        var skills = new List<string>();
        foreach (var name in new[] { "Billing", "Refunds", "Sales", "Support" })
        {
            skills.Add(await primary.AddAsync(EntityTypes.Skills, new { name }));
        }

        await SyncClient.ConfigureAsync(admin, pair.PairId);
        Assert.AreEqual(SyncOutcome.Succeeded, (await SyncClient.RunAsync(admin, pair.PairId)).Outcome);
        var copies = new List<string>();
        foreach (var id in skills)
        {
            copies.Add((await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.Skills, id))!);
        }

        var toBcp = await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        Assert.IsNull(toBcp.OverwritesBcpChanges, "only a return to the primary counts");

        // While the BCP tenant is live its admins change a copy, change another whose primary entity is then deleted, delete a
        // third and create their own; the primary adds one.
        await bcp.UpdateAsync(EntityTypes.Skills, copies[0], skill => skill["name"] = "Billing (BCP)");
        await bcp.UpdateAsync(EntityTypes.Skills, copies[1], skill => skill["name"] = "Refunds (BCP)");
        await bcp.DeleteAsync(EntityTypes.Skills, copies[2]);
        var bcpOnly = await bcp.AddAsync(EntityTypes.Skills, new { name = "Outage hotline" });
        await primary.DeleteAsync(EntityTypes.Skills, skills[1]);
        var added = await primary.AddAsync(EntityTypes.Skills, new { name = "Retention" });

        var report = await GetAsync(admin, pair.PairId);

        Assert.AreEqual(("bcp", true), (report["activeSide"]!.GetValue<string>(), report["primaryReachable"]!.GetValue<bool>()), report.ToJsonString());
        Assert.AreEqual(toBcp.LastSwitch!.At, report["since"]!.GetValue<DateTimeOffset>());
        var changes = ByBcpId(report["bcpChanges"]!);
        Assert.HasCount(4, changes, report.ToJsonString());
        Assert.AreEqual(("changed", "overwrite", skills[0], "Billing (BCP)"), Describe(changes[copies[0]]));
        Assert.AreEqual(("changed", "delete", skills[1], "Refunds (BCP)"), Describe(changes[copies[1]]));
        Assert.AreEqual(("deleted", "overwrite", skills[2], "Sales"), Describe(changes[copies[2]]));
        Assert.AreEqual(("created", "leave", null, "Outage hotline"), Describe(changes[bcpOnly]));
        Assert.AreEqual((2, 1, 1), (report["counts"]!["overwrite"]!.GetValue<int>(), report["counts"]!["delete"]!.GetValue<int>(), report["counts"]!["leave"]!.GetValue<int>()));
        var primaryChanges = report["primaryChanges"]!.AsArray().Select(change => change!).ToDictionary(change => change["primaryId"]!.GetValue<string>());
        Assert.HasCount(2, primaryChanges, report.ToJsonString());
        Assert.AreEqual(("created", "create", "Retention"), (primaryChanges[added]["change"]!.GetValue<string>(), primaryChanges[added]["syncWill"]!.GetValue<string>(), primaryChanges[added]["name"]!.GetValue<string>()));
        Assert.AreEqual(("deleted", "delete"), (primaryChanges[skills[1]]["change"]!.GetValue<string>(), primaryChanges[skills[1]]["syncWill"]!.GetValue<string>()));

        // The return names the count in its answer and its audit entry; it is not refused for it.
        var back = await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "primary", pair.Passkey));
        Assert.AreEqual(3, back.OverwritesBcpChanges);
        var entry = (await BcpClient.GetAuditAsync(admin, pair.PairId)).First(e => e.Action == "switch" && e.Details.ContainsKey("overwritesBcpChanges"));
        Assert.AreEqual(3, entry.Details["overwritesBcpChanges"]!.GetValue<int>());
        Assert.AreEqual("primary", entry.Details["requestedSide"]!.GetValue<string>());

        // The first sync after the return: the edit and the delete undone, the BCP-only skill left, the edited copy's delete held.
        var first = await SyncClient.RunAsync(admin, pair.PairId);
        Assert.AreEqual(SyncOutcome.Succeeded, first.Outcome, first.Error);
        var held = first.HeldDeletes!.Single();
        Assert.AreEqual((EntityTypes.Skills, HeldDeletes.BcpChanged, 1), (held.Type, held.Reason, held.Count));
        CollectionAssert.AreEqual(new[] { skills[1] }, held.PrimaryIds.ToArray());
        Assert.AreEqual("Refunds (BCP)", (await bcp.GetAsync(EntityTypes.Skills, copies[1]))!["name"]!.GetValue<string>(), "held, not deleted");
        Assert.AreEqual("Outage hotline", (await bcp.GetAsync(EntityTypes.Skills, bcpOnly))!["name"]!.GetValue<string>());
        Assert.AreEqual("Billing", (await bcp.GetAsync(EntityTypes.Skills, copies[0]))!["name"]!.GetValue<string>());
        Assert.AreEqual("Sales", (await bcp.GetAsync(EntityTypes.Skills, copies[2]))!["name"]!.GetValue<string>());

        // Released by an admin, the held delete is made.
        var release = await admin.PostAsync($"/tenant-pairs/{pair.PairId}/sync/runs/{first.RunId}/release-deletes", null);
        Assert.AreEqual(HttpStatusCode.Accepted, release.StatusCode, await release.Content.ReadAsStringAsync());
        var applied = await SyncClient.WaitAsync(admin, pair.PairId, (await release.Content.ReadFromJsonAsync<JsonObject>())!["applyRunId"]!.GetValue<string>());
        Assert.AreEqual(1, applied.Counts[EntityTypes.Skills].Deleted);
        Assert.IsNull(await bcp.GetAsync(EntityTypes.Skills, copies[1]));

        // After it, nothing is left to overwrite but the BCP tenant's own skill.
        var after = await GetAsync(admin, pair.PairId);
        Assert.AreEqual(("created", "leave", null, "Outage hotline"), Describe(ByBcpId(after["bcpChanges"]!).Values.Single()), after.ToJsonString());
        Assert.IsEmpty(after["primaryChanges"]!.AsArray());

        // Each return counts again what changed since the count before it (a node keeps a count only for unchanged data).
        Assert.AreEqual(SwitchOutcome.Switched, (await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey))).Outcome);
        Assert.AreEqual(0, (await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "primary", pair.Passkey))).OverwritesBcpChanges);
        Assert.AreEqual(SwitchOutcome.Switched, (await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey))).Outcome);
        await bcp.UpdateAsync(EntityTypes.Skills, copies[3], skill => skill["name"] = "Support (BCP)");
        Assert.AreEqual(1, (await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "primary", pair.Passkey))).OverwritesBcpChanges);
    }

    [TestMethod]
    public async Task Failback_PrimaryRegionDown_AnswersWithThePrimaryUnreachable_AndTheReturnIsNotBlocked()
    {
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.BcpTenantId, "admin-1", Permissions.ActivationEdit, Permissions.SyncEdit);
        var skill = await TenantData.PrimaryOf(host, pair).AddAsync(EntityTypes.Skills, new { name = "Billing" });
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.RunAsync(admin, pair.PairId);
        var copy = (await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.Skills, skill))!;
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        await TenantData.BcpOf(host, pair).UpdateAsync(EntityTypes.Skills, copy, data => data["name"] = "Billing (BCP)");

        ((OutageStoreProvider)host.Services.GetRequiredService<IObjectStoreProvider>()).Down("us-east");
        var report = await GetAsync(admin, pair.PairId);

        Assert.IsFalse(report["primaryReachable"]!.GetValue<bool>(), report.ToJsonString());
        Assert.IsNull(report["primaryChanges"], "unknown, not empty");
        StringAssert.Contains(report["notes"]![0]!.GetValue<string>(), "unknown");
        Assert.AreEqual(("changed", "overwrite", skill, "Billing (BCP)"), Describe(ByBcpId(report["bcpChanges"]!)[copy]));

        var back = await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "primary", pair.Passkey));
        Assert.AreEqual(("primary", 1), (back.ActiveSide.ToString().ToLowerInvariant(), back.OverwritesBcpChanges));
    }

    [TestMethod]
    public async Task Failback_CallerOfAnUnrelatedTenant_Gets404()
    {
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        using var stranger = host.ClientFor("some-other-tenant", "admin-9", Permissions.ActivationEdit, Permissions.SyncEdit);

        var response = await stranger.GetAsync($"/tenant-pairs/{pair.PairId}/failback");

        await BcpClient.ReadProblemAsync(response, HttpStatusCode.NotFound);
    }

    private Task<ApiHost> StartAsync() =>
        ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: Settings, services: OutageStoreProvider.Install());

    private static async Task<JsonObject> GetAsync(HttpClient client, string pairId)
    {
        var response = await client.GetAsync($"/tenant-pairs/{pairId}/failback");
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static Dictionary<string, JsonNode> ByBcpId(JsonNode changes) =>
        changes.AsArray().Select(change => change!).ToDictionary(change => change["bcpId"]!.GetValue<string>());

    private static (string, string, string?, string?) Describe(JsonNode change) =>
        (change["change"]!.GetValue<string>(), change["syncWill"]!.GetValue<string>(), change["primaryId"]?.GetValue<string>(), change["name"]?.GetValue<string>());
}

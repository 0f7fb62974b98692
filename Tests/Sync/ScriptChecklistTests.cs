using System.Net.Http.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>Ids inside scripts, listed with their BCP ids, and rewritten on request.</summary>
[TestClass]
public sealed class ScriptChecklistTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Checklist_ListsWholeTokenIdsOfEveryType_AndRewriteReplacesThem()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        var seeded = await SyncFixture.SeedAsync(TenantData.PrimaryOf(host, pair));
        var script = seeded.First(EntityTypes.Scripts);

        // Copied as they are by default: the checklist says what to replace.
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.RunAsync(admin, pair.PairId);
        var item = await ChecklistItemAsync(admin, pair, script);
        var bcpSkill = await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.Skills, seeded.QuotedSkill);
        var bcpContact = await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.PointsOfContact, seeded.QuotedContact);
        var bcpUser = await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.Users, seeded.QuotedUser);
        CollectionAssert.AreEqual(
            new[] { (seeded.QuotedSkill, EntityTypes.Skills, bcpSkill, false), (seeded.QuotedContact, EntityTypes.PointsOfContact, bcpContact, false), (seeded.QuotedUser, EntityTypes.Users, bcpUser, false) },
            item.Ids.Select(id => (id.PrimaryId, id.Type, id.BcpId, id.Replaced)).ToArray());
        Assert.IsFalse(item.Ids.Any(id => id.PrimaryId == seeded.SubstringOnlySkill), "an id inside a longer token is not an id");
        var copy = (await TenantData.BcpOf(host, pair).GetAsync(EntityTypes.Scripts, item.BcpId!))!["content"]!.GetValue<string>();
        StringAssert.Contains(copy, seeded.QuotedSkill, "copied as it is");

        // With rewriteScriptIds the BCP copy carries the BCP ids, and the checklist shows them done.
        await SyncClient.ConfigureAsync(admin, pair.PairId, rewriteScriptIds: true);
        await SyncClient.RunAsync(admin, pair.PairId);
        item = await ChecklistItemAsync(admin, pair, script);
        Assert.IsTrue(item.Ids.All(id => id.Replaced), string.Join(", ", item.Ids));
        Assert.AreEqual(0, item.Unmapped.Count);
        copy = (await TenantData.BcpOf(host, pair).GetAsync(EntityTypes.Scripts, item.BcpId!))!["content"]!.GetValue<string>();
        Assert.AreEqual(
            $"ROUTE skill={bcpSkill}\nTRANSFER poc={bcpContact}\nNOTIFY user={bcpUser};\nLOG x{seeded.SubstringOnlySkill} {seeded.SubstringOnlySkill}2",
            copy);
    }

    [TestMethod]
    public async Task Checklist_IdOfAnEntityNotSynced_IsListedAsUnmapped()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        var seeded = await SyncFixture.SeedAsync(TenantData.PrimaryOf(host, pair));

        // Users are left out, so the user id quoted by the script has no BCP id.
        await SyncClient.ConfigureAsync(admin, pair.PairId, mode: "custom", entityTypes: [EntityTypes.Skills, EntityTypes.Scripts], rewriteScriptIds: true);
        await SyncClient.RunAsync(admin, pair.PairId);

        var item = await ChecklistItemAsync(admin, pair, seeded.First(EntityTypes.Scripts));
        CollectionAssert.AreEquivalent(new[] { seeded.QuotedContact, seeded.QuotedUser }, item.Unmapped.ToArray());
        Assert.IsTrue(item.Ids.Single(id => id.PrimaryId == seeded.QuotedSkill).Replaced);
        var copy = (await TenantData.BcpOf(host, pair).GetAsync(EntityTypes.Scripts, item.BcpId!))!["content"]!.GetValue<string>();
        StringAssert.Contains(copy, seeded.QuotedUser, "an unmapped id stays as it is");
    }

    private static async Task<ScriptChecklistItem> ChecklistItemAsync(HttpClient client, TestPair pair, string scriptId)
    {
        var checklist = await client.GetFromJsonAsync<ChecklistBody>($"/tenant-pairs/{pair.PairId}/scripts/checklist", BcpClient.Json);
        return checklist!.Scripts.Single(script => script.PrimaryId == scriptId);
    }

    private sealed record ChecklistBody(bool RewriteScriptIds, List<ScriptChecklistItem> Scripts);
}

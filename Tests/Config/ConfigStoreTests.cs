using System.Net;
using System.Text.Json.Nodes;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Config;

/// <summary>
/// The configuration API's reads and writes through HTTP (docs/api.md), run once per storage provider: one host per
/// provider for the class, two new tenants for each test.
/// </summary>
public abstract class ConfigStoreTests
{
    /// <summary>The class's host, on the provider's store.</summary>
    protected abstract ApiHost Host { get; }

    [TestMethod]
    [DynamicData(nameof(ConfigSamples.CollectionTypeRows), typeof(ConfigSamples))]
    public async Task Crud_EachType_CreateGetListReplaceDelete(string type)
    {
        await using var fixture = await ConfigFixture.OnHostAsync(Host);
        var (tenant, admin) = (fixture.TenantA, fixture.AdminA);
        var (createBody, replaceBody) = await ConfigSamples.BodiesAsync(admin, tenant, type);

        var created = await ConfigClient.CreateAsync(admin, tenant, type, createBody.ToJsonString());
        AssertHasFields(createBody, created.Body);
        var read = await ConfigClient.GetAsync(admin, tenant, type, created.Id);
        Assert.AreEqual(created.ETag, read.ETag);
        Assert.IsTrue(JsonNode.DeepEquals(created.Body, read.Body), read.Body.ToJsonString());
        var (listed, _) = await ConfigClient.ListAllAsync(admin, tenant, type, 100);
        Assert.IsTrue(listed.Any(item => JsonNode.DeepEquals(item, read.Body)), "the list carries the whole entity");

        var replaced = await ConfigClient.ReadEntityAsync(
            await ConfigClient.PutAsync(admin, tenant, type, created.Id, replaceBody.ToJsonString(), created.ETag), HttpStatusCode.OK);
        Assert.AreEqual(created.Id, replaced.Id);
        Assert.AreNotEqual(created.ETag, replaced.ETag);
        AssertHasFields(replaceBody, replaced.Body);
        foreach (var field in createBody.Select(entry => entry.Key).Where(field => !replaceBody.ContainsKey(field) && field is not "bcpType" and not "active"))
        {
            Assert.IsFalse(replaced.Body.ContainsKey(field), $"a replace drops {field}");
        }

        Assert.IsTrue(JsonNode.DeepEquals(replaced.Body, (await ConfigClient.GetAsync(admin, tenant, type, created.Id)).Body));

        var deleted = await ConfigClient.SendAsync(admin, HttpMethod.Delete, $"/tenants/{tenant}/{type}/{created.Id}", ifMatch: replaced.ETag);
        Assert.AreEqual(HttpStatusCode.NoContent, deleted.StatusCode, await deleted.Content.ReadAsStringAsync());
        Assert.AreEqual("/problems/not-found",
            await ConfigClient.ProblemTypeAsync(await admin.GetAsync($"/tenants/{tenant}/{type}/{created.Id}"), HttpStatusCode.NotFound));
        (listed, _) = await ConfigClient.ListAllAsync(admin, tenant, type, 100);
        Assert.IsFalse(listed.Any(item => item["id"]!.GetValue<string>() == created.Id));
    }

    [TestMethod]
    public async Task List_SmallPages_ReturnEveryEntityOnceInIdOrder()
    {
        await using var fixture = await ConfigFixture.OnHostAsync(Host);
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await ConfigClient.CreateIdAsync(fixture.AdminA, fixture.TenantA, "skills", new { name = $"Skill {i}" }));
        }

        await ConfigClient.CreateIdAsync(fixture.AdminB, fixture.TenantB, "skills", new { name = "Other tenant's skill" });

        var (items, pages) = await ConfigClient.ListAllAsync(fixture.AdminA, fixture.TenantA, "skills", 3);

        Assert.AreEqual(3, pages);
        CollectionAssert.AreEqual(ids.Order(StringComparer.Ordinal).ToList(), items.Select(item => item["id"]!.GetValue<string>()).ToList());
        Assert.IsTrue(items.All(item => item["name"]!.GetValue<string>().StartsWith("Skill ", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Create_SameBodyInTwoTenants_GetsDifferentIds()
    {
        await using var fixture = await ConfigFixture.OnHostAsync(Host);

        var inA = await ConfigClient.CreateAsync(fixture.AdminA, fixture.TenantA, "roles", new { name = "Administrator - Sleepy Hollow" });
        var inB = await ConfigClient.CreateAsync(fixture.AdminB, fixture.TenantB, "roles", new { name = "Administrator - Sleepy Hollow" });

        Assert.AreNotEqual(inA.Id, inB.Id);
        // Neither tenant can read the other's entity under its own URL.
        await BcpClient.ReadProblemAsync(await fixture.AdminA.GetAsync($"/tenants/{fixture.TenantA}/roles/{inB.Id}"), HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task ReplaceAndDelete_StaleIfMatch_Return412AndChangeNothing()
    {
        await using var fixture = await ConfigFixture.OnHostAsync(Host);
        var path = $"/tenants/{fixture.TenantA}/teams";
        var created = await ConfigClient.CreateAsync(fixture.AdminA, fixture.TenantA, "teams", new { name = "Night shift" });
        var current = await ConfigClient.ReadEntityAsync(
            await ConfigClient.PutAsync(fixture.AdminA, fixture.TenantA, "teams", created.Id, new { name = "Late shift" }, created.ETag), HttpStatusCode.OK);
        var before = await ConfigClient.SnapshotAsync(fixture.Host);

        var stalePut = await ConfigClient.PutAsync(fixture.AdminA, fixture.TenantA, "teams", created.Id, new { name = "Lost update" }, created.ETag);
        var staleDelete = await ConfigClient.SendAsync(fixture.AdminA, HttpMethod.Delete, $"{path}/{created.Id}", ifMatch: created.ETag);
        var weakPut = await ConfigClient.PutAsync(fixture.AdminA, fixture.TenantA, "teams", created.Id, new { name = "Weak" }, "W/" + current.ETag);

        Assert.AreEqual("/problems/etag-mismatch", await ConfigClient.ProblemTypeAsync(stalePut, HttpStatusCode.PreconditionFailed));
        Assert.AreEqual("/problems/etag-mismatch", await ConfigClient.ProblemTypeAsync(staleDelete, HttpStatusCode.PreconditionFailed));
        Assert.AreEqual("/problems/etag-mismatch", await ConfigClient.ProblemTypeAsync(weakPut, HttpStatusCode.PreconditionFailed));
        StoreSnapshot.AssertUnchanged(before, await ConfigClient.SnapshotAsync(fixture.Host));
        var read = await ConfigClient.GetAsync(fixture.AdminA, fixture.TenantA, "teams", created.Id);
        Assert.AreEqual(("Late shift", current.ETag), (read.Text("name"), read.ETag));
    }

    [TestMethod]
    public async Task ReplaceAndDelete_WithoutIfMatchOrWithStar_AreUnconditional()
    {
        await using var fixture = await ConfigFixture.OnHostAsync(Host);
        var created = await ConfigClient.CreateAsync(fixture.AdminA, fixture.TenantA, "files", new { name = "a.wav" });
        await ConfigClient.ReadEntityAsync(await ConfigClient.PutAsync(fixture.AdminA, fixture.TenantA, "files", created.Id, new { name = "b.wav" }), HttpStatusCode.OK);

        var starred = await ConfigClient.ReadEntityAsync(
            await ConfigClient.PutAsync(fixture.AdminA, fixture.TenantA, "files", created.Id, new { name = "c.wav" }, "*"), HttpStatusCode.OK);
        var deleted = await ConfigClient.SendAsync(fixture.AdminA, HttpMethod.Delete, $"/tenants/{fixture.TenantA}/files/{created.Id}");
        var again = await ConfigClient.SendAsync(fixture.AdminA, HttpMethod.Delete, $"/tenants/{fixture.TenantA}/files/{created.Id}");
        var replaceGone = await ConfigClient.PutAsync(fixture.AdminA, fixture.TenantA, "files", created.Id, new { name = "d.wav" });

        Assert.AreEqual("c.wav", starred.Text("name"));
        Assert.AreEqual(HttpStatusCode.NoContent, deleted.StatusCode);
        await BcpClient.ReadProblemAsync(again, HttpStatusCode.NotFound);
        await BcpClient.ReadProblemAsync(replaceGone, HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task BusinessUnitSettings_NeverWritten_404ThenPutCreatesThenReplaces()
    {
        await using var fixture = await ConfigFixture.OnHostAsync(Host);
        var path = $"/tenants/{fixture.TenantA}/business-unit-settings";
        await BcpClient.ReadProblemAsync(await fixture.AdminA.GetAsync(path), HttpStatusCode.NotFound);

        var createdResponse = await ConfigClient.SendAsync(fixture.AdminA, HttpMethod.Put, path, """{"timeZone":"America/New_York","wrapUpSeconds":30}""");
        var created = await ConfigClient.ReadEntityAsync(createdResponse, HttpStatusCode.Created);
        var replaced = await ConfigClient.ReadEntityAsync(
            await ConfigClient.SendAsync(fixture.AdminA, HttpMethod.Put, path, """{"timeZone":"Europe/Berlin"}""", created.ETag), HttpStatusCode.OK);
        var stale = await ConfigClient.SendAsync(fixture.AdminA, HttpMethod.Put, path, """{"timeZone":"UTC"}""", created.ETag);
        var read = await ConfigClient.ReadEntityAsync(await fixture.AdminA.GetAsync(path), HttpStatusCode.OK);

        Assert.AreEqual(path, createdResponse.Headers.Location?.OriginalString);
        Assert.AreEqual(30, created.Body["wrapUpSeconds"]!.GetValue<int>());
        Assert.AreEqual("/problems/etag-mismatch", await ConfigClient.ProblemTypeAsync(stale, HttpStatusCode.PreconditionFailed));
        Assert.AreEqual(("Europe/Berlin", replaced.ETag), (read.Text("timeZone"), read.ETag));
        Assert.IsFalse(read.Body.ContainsKey("wrapUpSeconds"), "PUT replaces the whole document");
        await BcpClient.ReadProblemAsync(await fixture.AdminB.GetAsync($"/tenants/{fixture.TenantB}/business-unit-settings"), HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task Username_TakenInAnotherTenantInOtherCase_Returns409AndWritesNothing()
    {
        await using var fixture = await ConfigFixture.OnHostAsync(Host);
        var username = ConfigSamples.UniqueUsername("Ichabod.Crane");
        await ConfigClient.CreateAsync(fixture.AdminA, fixture.TenantA, "users", new { username });
        var before = await ConfigClient.SnapshotAsync(fixture.Host);

        var response = await ConfigClient.PostAsync(fixture.AdminB, fixture.TenantB, "users", new { username = "  " + username.ToUpperInvariant() + " " });

        Assert.AreEqual("/problems/username-taken", await ConfigClient.ProblemTypeAsync(response, HttpStatusCode.Conflict));
        StoreSnapshot.AssertUnchanged(before, await ConfigClient.SnapshotAsync(fixture.Host));
    }

    [TestMethod]
    public async Task Username_SixteenConcurrentCreates_ExactlyOneSucceeds()
    {
        await using var fixture = await ConfigFixture.OnHostAsync(Host);
        var username = ConfigSamples.UniqueUsername("racer");

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            ConfigClient.PostAsync(i % 2 == 0 ? fixture.AdminA : fixture.AdminB, i % 2 == 0 ? fixture.TenantA : fixture.TenantB, "users", new { username })));

        var statuses = responses.Select(response => response.StatusCode).ToList();
        Assert.AreEqual(1, statuses.Count(status => status == HttpStatusCode.Created), string.Join(", ", statuses));
        Assert.AreEqual(15, statuses.Count(status => status == HttpStatusCode.Conflict), string.Join(", ", statuses));
        var users = (await ConfigClient.ListAllAsync(fixture.AdminA, fixture.TenantA, "users", 100)).Items
            .Concat((await ConfigClient.ListAllAsync(fixture.AdminB, fixture.TenantB, "users", 100)).Items).ToList();
        Assert.HasCount(1, users);
    }

    private static void AssertHasFields(JsonObject sent, JsonObject answered)
    {
        foreach (var (field, value) in sent)
        {
            Assert.IsTrue(JsonNode.DeepEquals(value, answered[field]), $"{field}: sent {value?.ToJsonString()}, got {answered[field]?.ToJsonString()}");
        }
    }
}

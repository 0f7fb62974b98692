using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Silo.Config;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Config;

/// <summary>Usernames are unique across the platform, case-insensitively; renames and deletes free them.</summary>
[TestClass]
public sealed class UsernameTests
{
    private static readonly TempFolder Folder = new();
    private static ConfigFixture _fixture = null!;

    private static IUsernameIndex Index => _fixture.Host.Services.GetRequiredService<IUsernameIndex>();

    private static IObjectStore ControlStore => _fixture.Host.Services.GetRequiredService<IObjectStoreProvider>().Get(StorageNames.Control);

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) =>
        _fixture = await ConfigFixture.StartAsync(StoreSetup.Sqlite(Folder.File("bcp.db")));

    [ClassCleanup]
    public static async Task CleanupAsync()
    {
        await _fixture.DisposeAsync();
        Folder.Dispose();
    }

    [TestMethod]
    public async Task Rename_FreesTheOldNameAndHoldsTheNew()
    {
        var (oldName, newName) = (ConfigSamples.UniqueUsername("katrina"), ConfigSamples.UniqueUsername("katrina.van.tassel"));
        var user = await ConfigClient.CreateAsync(_fixture.AdminA, _fixture.TenantA, "users", new { username = oldName });

        await ConfigClient.ReadEntityAsync(await ConfigClient.PutAsync(_fixture.AdminA, _fixture.TenantA, "users", user.Id, new { username = newName }), HttpStatusCode.OK);

        await ConfigClient.CreateAsync(_fixture.AdminB, _fixture.TenantB, "users", new { username = oldName });
        var taken = await ConfigClient.PostAsync(_fixture.AdminB, _fixture.TenantB, "users", new { username = newName });
        Assert.AreEqual("/problems/username-taken", await ConfigClient.ProblemTypeAsync(taken, HttpStatusCode.Conflict));
        var claim = await Index.FindAsync(newName.ToUpperInvariant());
        Assert.AreEqual((_fixture.TenantA, "us-east", user.Id, newName), (claim?.Tenant.TenantId, claim?.Tenant.Region, claim?.UserId, claim?.Username));
    }

    [TestMethod]
    public async Task Rename_OnlyTheCase_KeepsTheName()
    {
        var name = ConfigSamples.UniqueUsername("brom");
        var user = await ConfigClient.CreateAsync(_fixture.AdminA, _fixture.TenantA, "users", new { username = name });

        var renamed = await ConfigClient.ReadEntityAsync(
            await ConfigClient.PutAsync(_fixture.AdminA, _fixture.TenantA, "users", user.Id, new { username = name.ToUpperInvariant() }), HttpStatusCode.OK);

        Assert.AreEqual(name.ToUpperInvariant(), renamed.Text("username"));
        var taken = await ConfigClient.PostAsync(_fixture.AdminB, _fixture.TenantB, "users", new { username = name });
        Assert.AreEqual("/problems/username-taken", await ConfigClient.ProblemTypeAsync(taken, HttpStatusCode.Conflict));
    }

    [TestMethod]
    public async Task Rename_ToATakenName_Returns409AndChangesNothing()
    {
        var (mine, theirs) = (ConfigSamples.UniqueUsername("mine"), ConfigSamples.UniqueUsername("theirs"));
        var user = await ConfigClient.CreateAsync(_fixture.AdminA, _fixture.TenantA, "users", new { username = mine });
        await ConfigClient.CreateAsync(_fixture.AdminB, _fixture.TenantB, "users", new { username = theirs });
        var before = await ConfigClient.SnapshotAsync(_fixture.Host);

        var response = await ConfigClient.PutAsync(_fixture.AdminA, _fixture.TenantA, "users", user.Id, new { username = theirs });

        Assert.AreEqual("/problems/username-taken", await ConfigClient.ProblemTypeAsync(response, HttpStatusCode.Conflict));
        StoreSnapshot.AssertUnchanged(before, await ConfigClient.SnapshotAsync(_fixture.Host));
    }

    [TestMethod]
    public async Task Rename_WithStaleIfMatch_Returns412AndGivesTheNewNameBack()
    {
        var (oldName, newName) = (ConfigSamples.UniqueUsername("old"), ConfigSamples.UniqueUsername("new"));
        var user = await ConfigClient.CreateAsync(_fixture.AdminA, _fixture.TenantA, "users", new { username = oldName });
        var edited = await ConfigClient.ReadEntityAsync(
            await ConfigClient.PutAsync(_fixture.AdminA, _fixture.TenantA, "users", user.Id, new { username = oldName, firstName = "X" }), HttpStatusCode.OK);

        var stale = await ConfigClient.PutAsync(_fixture.AdminA, _fixture.TenantA, "users", user.Id, new { username = newName }, user.ETag);

        Assert.AreEqual("/problems/etag-mismatch", await ConfigClient.ProblemTypeAsync(stale, HttpStatusCode.PreconditionFailed));
        Assert.IsNull(await Index.FindAsync(newName));
        Assert.AreEqual(user.Id, (await Index.FindAsync(oldName))?.UserId);
        Assert.AreEqual(edited.ETag, (await ConfigClient.GetAsync(_fixture.AdminA, _fixture.TenantA, "users", user.Id)).ETag);
    }

    [TestMethod]
    public async Task Delete_FreesTheName()
    {
        var name = ConfigSamples.UniqueUsername("gone");
        var user = await ConfigClient.CreateAsync(_fixture.AdminA, _fixture.TenantA, "users", new { username = name });

        var deleted = await ConfigClient.SendAsync(_fixture.AdminA, HttpMethod.Delete, $"/tenants/{_fixture.TenantA}/users/{user.Id}");

        Assert.AreEqual(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.IsNull(await Index.FindAsync(name));
        await ConfigClient.CreateAsync(_fixture.AdminB, _fixture.TenantB, "users", new { username = name });
    }

    [TestMethod]
    public async Task Create_OverStaleClaimOfMissingUser_TakesTheNameOver()
    {
        var name = ConfigSamples.UniqueUsername("crashed");
        await PlantClaimAsync(name, _fixture.TenantB, "eu-west", "0123456789abcdef0123456789abcdef", DateTimeOffset.UtcNow.AddHours(-1));

        var user = await ConfigClient.CreateAsync(_fixture.AdminA, _fixture.TenantA, "users", new { username = name });

        var claim = await Index.FindAsync(name);
        Assert.AreEqual((_fixture.TenantA, user.Id), (claim?.Tenant.TenantId, claim?.UserId));
    }

    [TestMethod]
    public async Task Create_OverFreshClaimOfMissingUser_Returns409()
    {
        // A writer between claiming and writing its user: the claim must hold.
        var name = ConfigSamples.UniqueUsername("pending");
        await PlantClaimAsync(name, _fixture.TenantB, "eu-west", "0123456789abcdef0123456789abcdef", DateTimeOffset.UtcNow);

        var response = await ConfigClient.PostAsync(_fixture.AdminA, _fixture.TenantA, "users", new { username = name });

        Assert.AreEqual("/problems/username-taken", await ConfigClient.ProblemTypeAsync(response, HttpStatusCode.Conflict));
    }

    [TestMethod]
    public async Task Create_OverOldClaimOfUserWhoStillHasTheName_Returns409()
    {
        var name = ConfigSamples.UniqueUsername("veteran");
        var user = await ConfigClient.CreateAsync(_fixture.AdminB, _fixture.TenantB, "users", new { username = name });
        await ControlStore.DeleteAsync(UsernameIndex.Key(name), (await Index.FindAsync(name))!.ETag);
        await PlantClaimAsync(name, _fixture.TenantB, "eu-west", user.Id, DateTimeOffset.UtcNow.AddDays(-400));

        var response = await ConfigClient.PostAsync(_fixture.AdminA, _fixture.TenantA, "users", new { username = name.ToUpperInvariant() });

        Assert.AreEqual("/problems/username-taken", await ConfigClient.ProblemTypeAsync(response, HttpStatusCode.Conflict));
    }

    [TestMethod]
    public async Task Replace_BcpCopyKeepingThePrimaryUsername_NeedsNoClaim()
    {
        // The sync writes BCP copies of users directly, with the primary user's name; the primary holds the claim.
        var name = ConfigSamples.UniqueUsername("synced");
        var primary = await ConfigClient.CreateAsync(_fixture.AdminA, _fixture.TenantA, "users", new { username = name });
        var copyId = Guid.NewGuid().ToString("N");
        var configuration = _fixture.Host.Services.GetRequiredService<ITenantConfiguration>();
        await configuration.CreateAsync(new TenantLocation(_fixture.TenantB, "eu-west"), "users", copyId, new JsonObject { ["username"] = name, ["bcpType"] = "none" });

        var edited = await ConfigClient.ReadEntityAsync(
            await ConfigClient.PutAsync(_fixture.AdminB, _fixture.TenantB, "users", copyId, new { username = name, firstName = "Edited in BCP" }), HttpStatusCode.OK);
        var deleted = await ConfigClient.SendAsync(_fixture.AdminB, HttpMethod.Delete, $"/tenants/{_fixture.TenantB}/users/{copyId}");

        Assert.AreEqual("Edited in BCP", edited.Text("firstName"));
        Assert.AreEqual(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.AreEqual(primary.Id, (await Index.FindAsync(name))?.UserId, "the primary's claim survives its copy's edit and delete");
    }

    [TestMethod]
    public async Task Rename_EightConcurrentRenamesOfOneUser_LeaveExactlyItsFinalNameClaimed()
    {
        var original = ConfigSamples.UniqueUsername("racer");
        var user = await ConfigClient.CreateAsync(_fixture.AdminA, _fixture.TenantA, "users", new { username = original });
        var names = Enumerable.Range(0, 8).Select(i => ConfigSamples.UniqueUsername($"racer{i}")).ToList();

        var responses = await Task.WhenAll(names.Select(name => ConfigClient.PutAsync(_fixture.AdminA, _fixture.TenantA, "users", user.Id, new { username = name })));

        Assert.IsTrue(responses.All(response => response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict),
            string.Join(", ", responses.Select(response => response.StatusCode)));
        Assert.IsTrue(responses.Any(response => response.StatusCode == HttpStatusCode.OK));
        var final = (await ConfigClient.GetAsync(_fixture.AdminA, _fixture.TenantA, "users", user.Id)).Text("username")!;
        foreach (var name in names.Append(original))
        {
            var claim = await Index.FindAsync(name);
            if (name == final)
            {
                Assert.AreEqual(user.Id, claim?.UserId, $"{name} is the user's name now");
            }
            else
            {
                Assert.IsNull(claim, $"{name} was left claimed");
            }
        }
    }

    [TestMethod]
    public async Task Key_VeryLongNonAsciiUsername_StaysShortEnoughForBlobNames()
    {
        var name = new string('ü', 256);

        var user = await ConfigClient.CreateAsync(_fixture.AdminA, _fixture.TenantA, "users", new { username = name });

        Assert.IsLessThan(200, UsernameIndex.Key(name).Length);
        Assert.AreEqual(user.Id, (await Index.FindAsync(name.ToUpperInvariant()))?.UserId);
        Assert.AreEqual(UsernameIndex.Key("Ich@bod"), UsernameIndex.Key(" ich@BOD "));
    }

    private static Task PlantClaimAsync(string username, string tenantId, string region, string userId, DateTimeOffset claimedAt) =>
        ControlStore.CreateAsync(UsernameIndex.Key(username), Encoding.UTF8.GetBytes(new JsonObject
        {
            ["username"] = username, ["tenantId"] = tenantId, ["region"] = region, ["userId"] = userId, ["claimedAt"] = claimedAt,
        }.ToJsonString()));
}

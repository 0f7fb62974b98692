using System.Net;
using System.Security.Cryptography;
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

/// <summary>A voice number rings in one point of contact across the platform; changing or deleting it frees the number.</summary>
[TestClass]
public sealed class VoiceAddressTests
{
    private const string Ghost = "0123456789abcdef0123456789abcdef";

    private static readonly TempFolder Folder = new();
    private static ConfigFixture _fixture = null!;

    private static IVoiceAddressIndex Index => _fixture.Host.Services.GetRequiredService<IVoiceAddressIndex>();

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
    public async Task Create_NumberOfAnotherTenantsVoicePoc_Returns409AddressTakenAndWritesNothing()
    {
        var number = NewNumber();
        var held = await CreateAsync(_fixture.AdminA, _fixture.TenantA, Voice(number));
        var before = await ConfigClient.SnapshotAsync(_fixture.Host);

        // The same number as people type it.
        var response = await ConfigClient.PostAsync(_fixture.AdminB, _fixture.TenantB, "points-of-contact", Voice(Typed(number)));

        var problem = await BcpClient.ReadProblemAsync(response, HttpStatusCode.Conflict);
        Assert.AreEqual("/problems/address-taken", problem.GetProperty("type").GetString());
        Assert.IsTrue(problem.GetProperty("errors").TryGetProperty("address", out _));
        StoreSnapshot.AssertUnchanged(before, await ConfigClient.SnapshotAsync(_fixture.Host));
        var claim = await Index.FindAsync(Typed(number));
        Assert.AreEqual((number, _fixture.TenantA, "us-east", held.Id), (claim?.Address, claim?.Tenant.TenantId, claim?.Tenant.Region, claim?.PointOfContactId));
    }

    [TestMethod]
    public async Task Create_SameNumberInTheSameTenant_Returns409()
    {
        var number = NewNumber();
        await CreateAsync(_fixture.AdminA, _fixture.TenantA, Voice(number));

        var response = await ConfigClient.PostAsync(_fixture.AdminA, _fixture.TenantA, "points-of-contact", Voice(number, name: "Second line"));

        Assert.AreEqual("/problems/address-taken", await ConfigClient.ProblemTypeAsync(response, HttpStatusCode.Conflict));
    }

    [TestMethod]
    public async Task Replace_WithANewNumber_FreesTheOldAndHoldsTheNew()
    {
        var (oldNumber, newNumber) = (NewNumber(), NewNumber());
        var poc = await CreateAsync(_fixture.AdminA, _fixture.TenantA, Voice(oldNumber));

        await ConfigClient.ReadEntityAsync(
            await ConfigClient.PutAsync(_fixture.AdminA, _fixture.TenantA, "points-of-contact", poc.Id, Voice(Typed(newNumber))), HttpStatusCode.OK);

        await CreateAsync(_fixture.AdminB, _fixture.TenantB, Voice(oldNumber));
        var taken = await ConfigClient.PostAsync(_fixture.AdminB, _fixture.TenantB, "points-of-contact", Voice(newNumber));
        Assert.AreEqual("/problems/address-taken", await ConfigClient.ProblemTypeAsync(taken, HttpStatusCode.Conflict));
        Assert.AreEqual(poc.Id, (await Index.FindAsync(newNumber))?.PointOfContactId);
    }

    [TestMethod]
    public async Task Replace_ToANumberTaken_Returns409AndChangesNothing()
    {
        var (mine, theirs) = (NewNumber(), NewNumber());
        var poc = await CreateAsync(_fixture.AdminA, _fixture.TenantA, Voice(mine));
        await CreateAsync(_fixture.AdminB, _fixture.TenantB, Voice(theirs));
        var before = await ConfigClient.SnapshotAsync(_fixture.Host);

        var response = await ConfigClient.PutAsync(_fixture.AdminA, _fixture.TenantA, "points-of-contact", poc.Id, Voice(theirs));

        Assert.AreEqual("/problems/address-taken", await ConfigClient.ProblemTypeAsync(response, HttpStatusCode.Conflict));
        StoreSnapshot.AssertUnchanged(before, await ConfigClient.SnapshotAsync(_fixture.Host));
    }

    [TestMethod]
    public async Task Delete_FreesTheNumber()
    {
        var number = NewNumber();
        var poc = await CreateAsync(_fixture.AdminA, _fixture.TenantA, Voice(number));

        var deleted = await ConfigClient.SendAsync(_fixture.AdminA, HttpMethod.Delete, $"/tenants/{_fixture.TenantA}/points-of-contact/{poc.Id}");

        Assert.AreEqual(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.IsNull(await Index.FindAsync(number));
        await CreateAsync(_fixture.AdminB, _fixture.TenantB, Voice(number));
    }

    [TestMethod]
    public async Task Replace_ToAnotherChannel_FreesTheNumber_AndBackToVoiceClaimsItAgain()
    {
        var number = NewNumber();
        var poc = await CreateAsync(_fixture.AdminA, _fixture.TenantA, Voice(number));

        var sms = await ConfigClient.ReadEntityAsync(
            await ConfigClient.PutAsync(_fixture.AdminA, _fixture.TenantA, "points-of-contact", poc.Id, new { name = "Texts", channel = "sms", address = number }), HttpStatusCode.OK);
        Assert.IsNull(await Index.FindAsync(number), "only voice points of contact hold numbers");

        await ConfigClient.ReadEntityAsync(
            await ConfigClient.PutAsync(_fixture.AdminA, _fixture.TenantA, "points-of-contact", poc.Id, Voice(number), sms.ETag), HttpStatusCode.OK);
        Assert.AreEqual(poc.Id, (await Index.FindAsync(number))?.PointOfContactId);
    }

    [TestMethod]
    public async Task Create_SmsWithAVoiceNumberHeldElsewhere_IsAllowed()
    {
        var number = NewNumber();
        await CreateAsync(_fixture.AdminA, _fixture.TenantA, Voice(number));

        await CreateAsync(_fixture.AdminB, _fixture.TenantB, new { name = "Texts", channel = "sms", address = number });
    }

    [TestMethod]
    public async Task Replace_Deactivated_KeepsTheNumber()
    {
        var number = NewNumber();
        var poc = await CreateAsync(_fixture.AdminA, _fixture.TenantA, Voice(number));

        await ConfigClient.ReadEntityAsync(
            await ConfigClient.PutAsync(_fixture.AdminA, _fixture.TenantA, "points-of-contact", poc.Id, Voice(number, active: false)), HttpStatusCode.OK);

        var response = await ConfigClient.PostAsync(_fixture.AdminB, _fixture.TenantB, "points-of-contact", Voice(number));
        Assert.AreEqual("/problems/address-taken", await ConfigClient.ProblemTypeAsync(response, HttpStatusCode.Conflict));
    }

    [TestMethod]
    public async Task Create_OverStaleClaimOfMissingPoc_TakesTheNumberOver()
    {
        var number = NewNumber();
        await PlantClaimAsync(number, _fixture.TenantB, "eu-west", Ghost, DateTimeOffset.UtcNow.AddHours(-1));

        var poc = await CreateAsync(_fixture.AdminA, _fixture.TenantA, Voice(number));

        Assert.AreEqual((_fixture.TenantA, poc.Id), ((await Index.FindAsync(number))?.Tenant.TenantId, (await Index.FindAsync(number))?.PointOfContactId));
    }

    [TestMethod]
    public async Task Create_OverFreshClaimOfMissingPoc_Returns409()
    {
        // A writer between claiming and writing its point of contact: the claim must hold.
        var number = NewNumber();
        await PlantClaimAsync(number, _fixture.TenantB, "eu-west", Ghost, DateTimeOffset.UtcNow);

        var response = await ConfigClient.PostAsync(_fixture.AdminA, _fixture.TenantA, "points-of-contact", Voice(number));

        Assert.AreEqual("/problems/address-taken", await ConfigClient.ProblemTypeAsync(response, HttpStatusCode.Conflict));
    }

    [TestMethod]
    public async Task Create_OverOldClaimOfDeactivatedPocThatStillHasTheNumber_Returns409()
    {
        var number = NewNumber();
        var poc = await CreateAsync(_fixture.AdminB, _fixture.TenantB, Voice(number, active: false));
        await ControlStore.DeleteAsync(VoiceAddressIndex.Key(number), (await Index.FindAsync(number))!.ETag);
        await PlantClaimAsync(number, _fixture.TenantB, "eu-west", poc.Id, DateTimeOffset.UtcNow.AddDays(-400));

        var response = await ConfigClient.PostAsync(_fixture.AdminA, _fixture.TenantA, "points-of-contact", Voice(number));

        Assert.AreEqual("/problems/address-taken", await ConfigClient.ProblemTypeAsync(response, HttpStatusCode.Conflict));
    }

    [TestMethod]
    public async Task Create_OverOldClaimOfPocMovedToAnotherNumber_TakesTheNumberOver()
    {
        // A change of number whose release was lost: the point of contact no longer carries the old number.
        var (number, moved) = (NewNumber(), NewNumber());
        var poc = await CreateAsync(_fixture.AdminB, _fixture.TenantB, Voice(moved));
        await PlantClaimAsync(number, _fixture.TenantB, "eu-west", poc.Id, DateTimeOffset.UtcNow.AddHours(-1));

        var taker = await CreateAsync(_fixture.AdminA, _fixture.TenantA, Voice(number));

        Assert.AreEqual(taker.Id, (await Index.FindAsync(number))?.PointOfContactId);
    }

    [TestMethod]
    public async Task Replace_BcpCopyKeepingThePrimarysNumber_NeedsNoClaim()
    {
        // The sync writes BCP copies of voice points of contact directly, with the primary's number.
        var number = NewNumber();
        var primary = await CreateAsync(_fixture.AdminA, _fixture.TenantA, Voice(number));
        var copyId = Guid.NewGuid().ToString("N");
        var configuration = _fixture.Host.Services.GetRequiredService<ITenantConfiguration>();
        await configuration.CreateAsync(new TenantLocation(_fixture.TenantB, "eu-west"), "points-of-contact", copyId,
            new JsonObject { ["name"] = "Sales line", ["channel"] = "voice", ["address"] = number, ["active"] = false });

        var edited = await ConfigClient.ReadEntityAsync(
            await ConfigClient.PutAsync(_fixture.AdminB, _fixture.TenantB, "points-of-contact", copyId, Voice(number, name: "Edited in BCP")), HttpStatusCode.OK);
        var deleted = await ConfigClient.SendAsync(_fixture.AdminB, HttpMethod.Delete, $"/tenants/{_fixture.TenantB}/points-of-contact/{copyId}");

        Assert.AreEqual("Edited in BCP", edited.Text("name"));
        Assert.AreEqual(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.AreEqual(primary.Id, (await Index.FindAsync(number))?.PointOfContactId, "the primary's claim survives its copy's edit and delete");
    }

    [TestMethod]
    public async Task Find_TextThatIsNoNumber_ReturnsNull()
    {
        Assert.IsNull(await Index.FindAsync("sales@classics.example"));
        Assert.AreEqual("voice-addresses/%2B14155550100", VoiceAddressIndex.Key("+14155550100"));
    }

    private static async Task<Entity> CreateAsync(HttpClient client, string tenantId, object body) =>
        await ConfigClient.CreateAsync(client, tenantId, "points-of-contact", body);

    private static object Voice(string address, string name = "Sales line", bool active = true) => new { name, channel = "voice", address, active };

    /// <summary>A number no other test uses: +1 and ten random digits.</summary>
    private static string NewNumber() => "+1" + RandomNumberGenerator.GetInt32(200_000_000, 999_999_999).ToString("D9", System.Globalization.CultureInfo.InvariantCulture) + RandomNumberGenerator.GetInt32(10);

    /// <summary>+14155550100 as people type it: +1 (415) 555-0100.</summary>
    private static string Typed(string number) => $"{number[..2]} ({number[2..5]}) {number[5..8]}-{number[8..]}";

    private static Task PlantClaimAsync(string number, string tenantId, string region, string pointOfContactId, DateTimeOffset claimedAt) =>
        ControlStore.CreateAsync(VoiceAddressIndex.Key(number), Encoding.UTF8.GetBytes(new JsonObject
        {
            ["address"] = number, ["tenantId"] = tenantId, ["region"] = region, ["pointOfContactId"] = pointOfContactId, ["claimedAt"] = claimedAt,
        }.ToJsonString()));
}

using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Silo.Config;

namespace Orleans.Bcp.Tests.Access;

/// <summary>
/// The conditional write behind both BCP type routes, given a version that has gone stale meanwhile
/// (as when a bulk upload's row is edited between its check and its write).
/// </summary>
[TestClass]
public sealed class UserBcpTypesTests
{
    private static AccessFixture _fixture = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await AccessFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task Set_OnAStaleVersion_RereadsAndKeepsTheConcurrentEdit()
    {
        var (tenant, stale) = await SeedAndReadAsync();
        var edited = stale.Data.DeepClone().AsObject();
        edited["firstName"] = "Edited meanwhile";
        await _fixture.Configuration.ReplaceAsync(tenant, "users", stale.Id, edited, stale.ETag);

        var change = await BcpTypes.SetAsync(tenant, stale, "single", stale.Data["username"]!.GetValue<string>());

        Assert.AreEqual((BcpTypeOutcome.Changed, "none"), (change.Outcome, change.From));
        var user = (await _fixture.Configuration.GetAsync(tenant, "users", stale.Id))!;
        Assert.AreEqual(("single", "Edited meanwhile"), (user.Data["bcpType"]!.GetValue<string>(), user.Data["firstName"]!.GetValue<string>()));
    }

    [TestMethod]
    public async Task Set_OnAStaleVersionThatHasTheTypeNow_IsUnchanged()
    {
        var (tenant, stale) = await SeedAndReadAsync();
        var edited = stale.Data.DeepClone().AsObject();
        edited["bcpType"] = "single";
        var written = await _fixture.Configuration.ReplaceAsync(tenant, "users", stale.Id, edited, stale.ETag);

        var change = await BcpTypes.SetAsync(tenant, stale, "single", null);

        Assert.AreEqual(BcpTypeOutcome.Unchanged, change.Outcome);
        Assert.AreEqual(written.ETag, (await _fixture.Configuration.GetAsync(tenant, "users", stale.Id))!.ETag);
    }

    [TestMethod]
    public async Task Set_UserRenamedMeanwhile_IsGoneAndWritesNothing()
    {
        var (tenant, stale) = await SeedAndReadAsync();
        var renamed = stale.Data.DeepClone().AsObject();
        renamed["username"] = "someone.else@classics.example";
        var written = await _fixture.Configuration.ReplaceAsync(tenant, "users", stale.Id, renamed, stale.ETag);

        var change = await BcpTypes.SetAsync(tenant, stale, "multiple", stale.Data["username"]!.GetValue<string>());

        Assert.AreEqual(BcpTypeOutcome.Gone, change.Outcome);
        Assert.AreEqual(written.ETag, (await _fixture.Configuration.GetAsync(tenant, "users", stale.Id))!.ETag);
    }

    [TestMethod]
    public async Task Set_UserDeletedMeanwhile_IsGone()
    {
        var (tenant, stale) = await SeedAndReadAsync();
        await _fixture.Configuration.DeleteAsync(tenant, "users", stale.Id, stale.ETag);

        var change = await BcpTypes.SetAsync(tenant, stale, "multiple", null);

        Assert.AreEqual(BcpTypeOutcome.Gone, change.Outcome);
        Assert.IsNull(await _fixture.Configuration.GetAsync(tenant, "users", stale.Id));
    }

    private static UserBcpTypes BcpTypes => _fixture.Host.Services.GetRequiredService<UserBcpTypes>();

    private static async Task<(TenantLocation Tenant, EntityDocument User)> SeedAndReadAsync()
    {
        var tenant = await _fixture.LocationAsync(_fixture.Primary);
        var seeded = (await _fixture.SeedUsersAsync(_fixture.Primary, 1, "raced"))[0];
        return (tenant, (await _fixture.Configuration.GetAsync(tenant, "users", seeded.Id))!);
    }
}

namespace Orleans.Bcp.Tests.Access;

/// <summary>GET /tenant-pairs/{pairId}/bcp-access counts the primary tenant's users by BCP type.</summary>
[TestClass]
public sealed class BcpAccessCountTests
{
    [TestMethod]
    public async Task Get_CountsThePrimarysUsersByType()
    {
        await using var fixture = await AccessFixture.StartAsync();
        var types = new[] { "none", "single", "multiple", "single", "multiple", "multiple" };
        var users = await fixture.SeedUsersAsync(fixture.Primary, 600, "counted", i => types[i % types.Length]);
        // The BCP tenant's users (copies, or its own) are not counted: the primary's are the seats.
        await fixture.SeedUsersAsync(fixture.Pair.BcpTenantId, 20, "copy", _ => "multiple");
        using var agent = fixture.Host.ClientFor(fixture.Pair.BcpTenantId, "agent-1");

        var counts = await AccessClient.ReadOkAsync(await agent.GetAsync($"/tenant-pairs/{fixture.Pair.PairId}/bcp-access"));

        Assert.AreEqual((100, 200, 300, 500),
            (counts.GetProperty("none").GetInt32(), counts.GetProperty("single").GetInt32(),
             counts.GetProperty("multiple").GetInt32(), counts.GetProperty("billable").GetInt32()));
        Assert.HasCount(600, users);
    }

    [TestMethod]
    public async Task Get_AfterATypeChangeOnThisSilo_CountsTheChangeAtOnce()
    {
        await using var fixture = await AccessFixture.StartAsync();
        var users = await fixture.SeedUsersAsync(fixture.Primary, 10, "counted");
        var path = $"/tenant-pairs/{fixture.Pair.PairId}/bcp-access";
        Assert.AreEqual(0, (await AccessClient.ReadOkAsync(await fixture.Admin.GetAsync(path))).GetProperty("billable").GetInt32());

        await AccessClient.ReadOkAsync(await AccessClient.PutBcpTypeAsync(fixture.Admin, fixture.Primary, users[0].Id, "single"));
        await AccessClient.ReadOkAsync(await AccessClient.UploadAsync(fixture.Admin, fixture.Primary, AccessClient.Csv([(users[1].Username, "multiple")])));

        var counts = await AccessClient.ReadOkAsync(await fixture.Admin.GetAsync(path));
        Assert.AreEqual((8, 1, 1, 2),
            (counts.GetProperty("none").GetInt32(), counts.GetProperty("single").GetInt32(),
             counts.GetProperty("multiple").GetInt32(), counts.GetProperty("billable").GetInt32()));
    }
}

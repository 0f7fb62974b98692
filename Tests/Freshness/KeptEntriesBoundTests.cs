using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Login;
using Orleans.Bcp.Grains.Abstractions.Routing;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Login;
using Orleans.Bcp.Silo.Routing;
using Orleans.Bcp.Tests.Access;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Login;

namespace Orleans.Bcp.Tests.Freshness;

/// <summary>
/// The usernames and numbers a silo keeps weigh at most the configured bytes (<c>KeptEntries:LoginMaxBytes</c>,
/// <c>KeptEntries:NumberMaxBytes</c>): with a bound that holds only a few, every answer is still right (what does not fit is
/// read from the store), a change still shows on another host within a second, and a bound that is not positive stops the node at start.
/// </summary>
[TestClass]
public sealed class KeptEntriesBoundTests
{
    private const int TinyBound = 4096;
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);
    private static readonly string[] Types = [BcpTypes.None, BcpTypes.Single, BcpTypes.Multiple];
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    // Alone: it bounds how soon a change shows on another host (1 s), which other classes' load would stretch.
    [DoNotParallelize]
    public async Task Login_UnderATinyBound_KeepsNoMoreThanIt_AnswersRight_AndAChangeShowsWithinASecond()
    {
        var store = StoreSetup.Sqlite(_folder.File("bcp.db"));
        var tapB = new WriteTap();
        await using var hostA = await ApiHost.StartAsync(store);
        await using var hostB = await ApiHost.StartAsync(store, settings: new Dictionary<string, string?> { ["KeptEntries:LoginMaxBytes"] = $"{TinyBound}" },
            services: TappedStoreProvider.Install(tapB));
        var pair = await BcpClient.CreatePairAsync(hostA);
        using var admin = hostA.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.TenantConfigEdit, Permissions.AccessEdit);
        var users = new List<(string Username, string Id, string Type)>();
        for (var i = 0; i < 60; i++)
        {
            var username = $"agent{i:D3}@classics.example";
            var type = Types[i % Types.Length];
            users.Add((username, await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.Users, new { username, bcpType = type }), type));
        }

        var directory = hostB.Services.GetRequiredService<LoginDirectory>();
        using var loginB = LoginClient.For(hostB);
        var most = 0L;
        for (var round = 0; round < 2; round++)
        {
            foreach (var (username, id, type) in users)
            {
                var options = await LoginClient.OptionsAsync(loginB, username);
                Assert.AreEqual(id, options.UserId, username);
                Assert.AreEqual(type, options.BcpType, username);
                most = Math.Max(most, directory.KeptBytes);
                Assert.IsTrue(directory.KeptBytes <= TinyBound, $"kept {directory.KeptBytes} bytes, bound {TinyBound}");
            }
        }

        Assert.IsTrue(most > TinyBound / 2, $"the bound was reached and trimmed, not avoided (at most {most} bytes kept)");

        // Kept under the bound: a second ask reads no user from the store.
        var (first, firstId, _) = users[0];
        Assert.AreEqual(firstId, (await LoginClient.OptionsAsync(loginB, first)).UserId);
        var readsBefore = tapB.CountReads($"config/{pair.PrimaryTenantId}/users/");
        Assert.AreEqual(LoginMode.Direct, (await LoginClient.OptionsAsync(loginB, first)).Mode);
        Assert.AreEqual(readsBefore, tapB.CountReads($"config/{pair.PrimaryTenantId}/users/"), "a kept user is not read again");

        Assert.AreEqual(HttpStatusCode.OK, (await AccessClient.PutBcpTypeAsync(admin, pair.PrimaryTenantId, firstId, BcpTypes.Multiple)).StatusCode);
        await LoginClient.EventuallyAsync(async () => (await LoginClient.OptionsAsync(loginB, first)).Mode == LoginMode.Selector, Freshness, "PUT bcp-type");
    }

    [TestMethod]
    public async Task Login_ManyAtOnceUnderATinyBound_AnswersRight_AndKeepsNoMoreThanIt()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")),
            settings: new Dictionary<string, string?> { ["KeptEntries:LoginMaxBytes"] = $"{TinyBound}" });
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.TenantConfigEdit);
        var ids = new Dictionary<string, string>();
        for (var i = 0; i < 40; i++)
        {
            ids[$"caller{i:D3}@classics.example"] = await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.Users, new { username = $"caller{i:D3}@classics.example" });
        }

        var directory = host.Services.GetRequiredService<LoginDirectory>();
        using var login = LoginClient.For(host);
        var asks = Enumerable.Range(0, 5).SelectMany(_ => ids).ToArray();
        await Parallel.ForEachAsync(asks, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (user, _) =>
            Assert.AreEqual(user.Value, (await LoginClient.OptionsAsync(login, user.Key)).UserId, user.Key));

        Assert.IsTrue(directory.KeptBytes is > 0 and <= TinyBound, $"kept {directory.KeptBytes} bytes, bound {TinyBound}");
    }

    [TestMethod]
    public async Task Routing_UnderATinyBound_KeepsNoMoreThanIt_AndAnswersRight()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")),
            settings: new Dictionary<string, string?> { ["KeptEntries:NumberMaxBytes"] = $"{TinyBound}" });
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.TenantConfigEdit);
        var numbers = new List<(string Number, string Id)>();
        for (var i = 0; i < 30; i++)
        {
            var number = $"+1555123{i:D4}";
            numbers.Add((number, await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.PointsOfContact,
                new { name = $"Line {i} of the classics desk", channel = "voice", address = number })));
        }

        var router = host.Services.GetRequiredService<VoiceRouter>();
        using var client = LoginClient.For(host);
        var most = 0L;
        for (var round = 0; round < 2; round++)
        {
            foreach (var (number, id) in numbers)
            {
                var response = await client.GetAsync($"/routing/voice?address={Uri.EscapeDataString(number)}");
                Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, number);
                Assert.AreEqual(id, (await response.Content.ReadFromJsonAsync<VoiceRoute>(BcpClient.Json))!.PointOfContact.Id, number);
                most = Math.Max(most, router.KeptBytes);
                Assert.IsTrue(router.KeptBytes <= TinyBound, $"kept {router.KeptBytes} bytes, bound {TinyBound}");
            }
        }

        Assert.IsTrue(most > TinyBound / 2, $"the bound was reached and trimmed, not avoided (at most {most} bytes kept)");
    }

    [TestMethod]
    [DataRow("KeptEntries:LoginMaxBytes", "0")]
    [DataRow("KeptEntries:LoginMaxBytes", "-1")]
    [DataRow("KeptEntries:NumberMaxBytes", "0")]
    [DataRow("KeptEntries:NumberMaxBytes", "-65536")]
    [DataRow("KeptEntries:ReadinessMaxBytes", "0")]
    public async Task Start_BoundNotPositive_RefusesNamingTheKey(string key, string value)
    {
        var error = await Assert.ThrowsExactlyAsync<OptionsValidationException>(() =>
            ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: new Dictionary<string, string?> { [key] = value }));

        StringAssert.Contains(error.Message, $"{key} must be a positive number of bytes");
    }
}

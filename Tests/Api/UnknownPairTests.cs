using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.Pairs;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Login;

namespace Orleans.Bcp.Tests.Api;

/// <summary>
/// Requests naming pair ids that do not exist, from a tenant's user or an operator, cost no pair grain and cannot push
/// a real pair out of the kept pair states (<see cref="PairStateCache"/>); the ids found absent stay in their own
/// small bound (<see cref="AbsentPairs"/>); a pair set up right after its id was asked for is seen at once, on
/// every host; and tenant ids that do not exist cost no tenant grain either.
/// </summary>
[TestClass]
public sealed class UnknownPairTests
{
    private const string Username = "agent@classics.example";
    private static readonly string[] Routes = ["/tenant-pairs/{0}", "/tenant-pairs/{0}/readiness", "/tenant-pairs/{0}/audit", "/tenant-pairs/{0}/sync"];

    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task RandomPairIds_ActivateNoPairGrain_AndEvictNoKeptPair()
    {
        const int requests = 2_000;
        var calls = new CountedGrainCalls();
        var tap = new WriteTap();
        // Room for fewer kept pairs than random ids asked for, and no backstop read during the test: were unknown ids
        // kept with the pairs, the real pair would be pushed out and the next login would call its grain.
        await using var host = await ApiHost.StartAsync(
            StoreSetup.Sqlite(_folder.File("bcp.db")),
            settings: new Dictionary<string, string?> { ["PairState:Capacity"] = "1000", ["PairState:MaxAge"] = "00:00:30" },
            services: services =>
            {
                services.AddSingleton<IOutgoingGrainCallFilter>(calls);
                TappedStoreProvider.Install(tap)(services);
            });
        var pair = await BcpClient.CreatePairAsync(host);
        using (var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.TenantConfigEdit))
        {
            await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.Users, new { username = Username });
        }

        using var login = LoginClient.For(host);
        Assert.AreEqual("none", (await LoginClient.OptionsAsync(login, Username)).BcpType);
        var pairType = PairGrainType(host);
        calls.Reset();

        using var member = host.ClientFor(pair.PrimaryTenantId, "agent-1");
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);
        var ids = Enumerable.Range(0, requests).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var unknown = ids.ToHashSet();
        var memberReadsBefore = tap.CountReads("grains/pair/");
        await AskAsync(member, ids[..(requests / 2)]);
        var memberReads = tap.CountReads("grains/pair/") - memberReadsBefore;
        await AskAsync(operatorClient, ids[(requests / 2)..]);

        Assert.AreEqual(0, calls.To(pairType, unknown.Contains), "no pair grain was called for an id that does not exist");
        var active = await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetActiveGrains(pairType);
        Assert.AreEqual(0, active.Count(grain => unknown.Contains(grain.Key.ToString()!)), "no pair grain was activated for an id that does not exist");
        Assert.AreEqual(0, memberReads, "a tenant's user asking for another id is answered from the tenant, not the store");

        Assert.AreEqual("none", (await LoginClient.OptionsAsync(login, Username)).BcpType);
        Assert.AreEqual(0, calls.To(pairType, id => id == pair.PairId), "the login was answered from the kept pair state: it was not pushed out");
        Assert.AreEqual(pair.PairId, (await BcpClient.GetStatusAsync(member, pair.PairId)).PairId, "the member still sees the own pair");
    }

    [TestMethod]
    public async Task RandomPairIds_FromAnOperator_StayWithinTheirOwnBound_AndARepeatedOneIsNotReadAgain()
    {
        const int capacity = 100;
        var tap = new WriteTap();
        await using var host = await ApiHost.StartAsync(
            StoreSetup.Sqlite(_folder.File("bcp.db")),
            settings: new Dictionary<string, string?> { ["PairState:AbsentCapacity"] = capacity.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            services: TappedStoreProvider.Install(tap));
        var absent = host.Services.GetRequiredService<PairStateCache>().Absent;
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);

        var largest = 0;
        for (var batch = 0; batch < 10; batch++)
        {
            await AskAsync(operatorClient, [.. Enumerable.Range(0, 100).Select(_ => Guid.NewGuid().ToString("N"))]);
            largest = Math.Max(largest, absent.Count);
        }

        Assert.IsLessThanOrEqualTo(capacity, largest, "the ids found absent never outgrow their bound");
        Assert.IsGreaterThan(0, absent.Count);

        var repeated = Guid.NewGuid().ToString("N");
        await AskAsync(operatorClient, [repeated]);
        var readsBefore = tap.CountReads($"grains/pair/{repeated}");
        await AskAsync(operatorClient, [repeated, repeated, repeated]);
        Assert.AreEqual(1, readsBefore, "the first ask read the store once");
        Assert.AreEqual(readsBefore, tap.CountReads($"grains/pair/{repeated}"), "an id just found absent is answered from the bound");
    }

    [TestMethod]
    public async Task PairSetUpRightAfterItsIdWasAskedFor_IsSeenAtOnce_OnTheOtherHostToo()
    {
        var store = StoreSetup.Sqlite(_folder.File("bcp.db"));
        await using var hostA = await ApiHost.StartAsync(store);
        await using var hostB = await ApiHost.StartAsync(store);
        using var operatorA = hostA.ClientFor("ops", "operator-1", Permissions.Setup);
        var primary = await BcpClient.CreateTenantAsync(operatorA, "Classics Inc.", "us-east");
        var bcp = await BcpClient.CreateTenantAsync(operatorA, "Classics Inc. BCP", "eu-west");
        var pairId = Guid.NewGuid().ToString("N");
        using var operatorB = hostB.ClientFor("ops", "operator-2", Permissions.Setup);
        using var memberB = hostB.ClientFor(primary, "agent-1");
        foreach (var host in new[] { hostA, hostB })
        {
            using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);
            using var member = host.ClientFor(primary, "agent-1");
            Assert.AreEqual(HttpStatusCode.NotFound, (await operatorClient.GetAsync($"/tenant-pairs/{pairId}")).StatusCode);
            Assert.AreEqual(HttpStatusCode.NotFound, (await member.GetAsync($"/tenant-pairs/{pairId}")).StatusCode);
            Assert.IsTrue(host.Services.GetRequiredService<PairStateCache>().Absent.Contains(pairId), "the id is kept as absent");
        }

        // The API makes pair ids itself; the setup behind POST /tenant-pairs is run with the id asked for above.
        var setupTook = System.Diagnostics.Stopwatch.StartNew();
        var created = await hostA.Services.GetRequiredService<PairSetup>().CreateAsync(pairId, primary, bcp, new Actor("operator-1", "ops"));
        setupTook.Stop();
        Assert.AreEqual(PairSetupOutcome.Created, created.Outcome);
        var noticeTook = System.Diagnostics.Stopwatch.StartNew();
        await PairCreatedNotice.TellAllAsync(hostA.Services.GetRequiredService<IGrainFactory>(), created.Created!.Status);
        Console.WriteLine($"the setup took {setupTook.Elapsed.TotalMilliseconds:F0} ms with its notice to both hosts; a notice again {noticeTook.Elapsed.TotalMilliseconds:F1} ms");

        Assert.AreEqual(pairId, (await BcpClient.GetStatusAsync(operatorB, pairId)).PairId, "an operator on the other host");
        Assert.AreEqual(pairId, (await BcpClient.GetStatusAsync(memberB, pairId)).PairId, "the tenant's user on the other host");
        using var memberA = hostA.ClientFor(bcp, "agent-2");
        Assert.AreEqual(pairId, (await BcpClient.GetStatusAsync(memberA, pairId)).PairId, "the other tenant's user on the setting-up host");
    }

    [TestMethod]
    public async Task RandomTenantIds_ActivateNoTenantGrain_AndVisibilityStaysAsItWas()
    {
        const int requests = 400;
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host);
        var other = await BcpClient.CreatePairAsync(host, "Other Corp.");
        using var member = host.ClientFor(pair.PrimaryTenantId, "agent-1");
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);
        var ids = Enumerable.Range(0, requests).Select(_ => Guid.NewGuid().ToString("N")).ToList();

        foreach (var (client, half) in new[] { (member, ids[..(requests / 2)]), (operatorClient, ids[(requests / 2)..]) })
        {
            await Task.WhenAll(half.Chunk(half.Count / 8).Select(async chunk =>
            {
                foreach (var id in chunk)
                {
                    using var response = await client.GetAsync($"/tenants/{id}");
                    Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode, id);
                }
            }));
        }

        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var tenantType = grains.GetGrain<ITenantGrain>("any").GetGrainId().Type;
        var active = await grains.GetGrain<IManagementGrain>(0).GetActiveGrains(tenantType);
        var unknown = ids.ToHashSet();
        Assert.AreEqual(0, active.Count(grain => unknown.Contains(grain.Key.ToString()!)), "no tenant grain was activated for an id that does not exist");

        foreach (var (client, tenantId, expected) in new[]
        {
            (member, pair.PrimaryTenantId, HttpStatusCode.OK),
            (member, pair.BcpTenantId, HttpStatusCode.OK),
            (member, other.PrimaryTenantId, HttpStatusCode.NotFound),
            (operatorClient, other.BcpTenantId, HttpStatusCode.OK),
        })
        {
            using var response = await client.GetAsync($"/tenants/{tenantId}");
            Assert.AreEqual(expected, response.StatusCode, tenantId);
        }
    }

    /// <summary>Asks for each id on one of the pair routes, eight at a time; each must be 404.</summary>
    private static async Task AskAsync(HttpClient client, IReadOnlyList<string> ids)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < ids.Count; i = Interlocked.Increment(ref next))
            {
                using var response = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Routes[i % Routes.Length], ids[i]));
                Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode, ids[i]);
            }
        }));
    }

    private static GrainType PairGrainType(ApiHost host) =>
        host.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantPairGrain>("any").GetGrainId().Type;
}

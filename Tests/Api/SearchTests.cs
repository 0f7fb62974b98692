using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Api.Pairs;
using Orleans.Bcp.Api.Tenants;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Silo.Search;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Api;

/// <summary>
/// Operators find tenants and pairs by name over HTTP (<c>GET /tenants?search=</c>, <c>GET /tenant-pairs?search=</c>):
/// any case, by name or id, a page at a time across pages; nobody else may; a bad parameter is a 400 naming it; and a
/// tenant whose directory entry is missing is listed again when the node starts.
/// </summary>
[TestClass]
public sealed class SearchTests
{
    private static readonly TempFolder Folder = new();
    private static ApiHost _host = null!;
    private static HttpClient _operator = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _)
    {
        _host = await ApiHost.StartAsync(StoreSetup.Sqlite(Folder.File("bcp.db")));
        _operator = _host.ClientFor("ops", "operator-1", Permissions.Setup);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        _operator.Dispose();
        await _host.DisposeAsync();
        Folder.Dispose();
    }

    [TestMethod]
    public async Task SearchTenants_AnyCaseByNameOrIdStart_FindsOnlyTheMatches()
    {
        var marker = Marker();
        var alpha = await BcpClient.CreateTenantAsync(_operator, $"{marker} Alpha Corp", "us-east");
        var beta = await BcpClient.CreateTenantAsync(_operator, $"{marker.ToLowerInvariant()} beta corp", "eu-west");
        var other = await BcpClient.CreateTenantAsync(_operator, "Unrelated Ltd", "us-east");

        var found = await AllTenantsAsync(marker.ToUpperInvariant());
        CollectionAssert.AreEquivalent(new[] { alpha, beta }, found.Select(t => t.TenantId).ToArray());
        Assert.AreEqual($"{marker} Alpha Corp", found.Single(t => t.TenantId == alpha).AccountName);
        Assert.AreEqual("eu-west", found.Single(t => t.TenantId == beta).Region);

        var byName = await AllTenantsAsync("ALPHA corp");
        CollectionAssert.Contains(byName.Select(t => t.TenantId).ToList(), alpha);
        CollectionAssert.DoesNotContain(byName.Select(t => t.TenantId).ToList(), other);

        var byId = await AllTenantsAsync(other[..12].ToUpperInvariant());
        Assert.AreEqual(other, byId.Single().TenantId, "an id's start finds that tenant");
    }

    [TestMethod]
    public async Task SearchTenants_NoMatch_AnswersAnEmptyLastPage()
    {
        var page = await TenantPageAsync($"search={Marker()}-nobody");
        Assert.AreEqual(0, page.Items.Count);
        Assert.IsNull(page.ContinuationToken);
    }

    [TestMethod]
    public async Task SearchTenants_PageSizeTwo_PagesThroughEveryMatchOnce()
    {
        var marker = Marker();
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await BcpClient.CreateTenantAsync(_operator, $"Paged {marker} {i}", "us-east"));
        }

        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await TenantPageAsync($"search={marker}&pageSize=2" + (token is null ? "" : $"&continuationToken={token}"));
            Assert.IsTrue(page.Items.Count <= 2, "a page holds at most pageSize items");
            seen.AddRange(page.Items.Select(t => t.TenantId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 20);

        Assert.IsNull(token, "the last page has no token");
        Assert.IsTrue(pages >= 3, $"5 matches in pages of 2 take at least 3 pages; took {pages}");
        CollectionAssert.AreEquivalent(created, seen, "every match once, none twice");
    }

    [TestMethod]
    public async Task SearchPairs_ByEitherTenantsNameOrThePairId_FindsThePair()
    {
        var marker = Marker();
        var pair = await BcpClient.CreatePairAsync(_host, $"Zeta {marker}");
        var other = await BcpClient.CreatePairAsync(_host, "Unrelated Pair Inc.");

        foreach (var search in new[] { $"zeta {marker.ToLowerInvariant()}", $"ZETA {marker} bcp", pair.PairId[..10].ToUpperInvariant(), pair.BcpTenantId })
        {
            var found = await AllPairsAsync(search);
            var match = found.Single(p => p.PairId == pair.PairId);
            Assert.AreEqual($"Zeta {marker}", match.Primary.AccountName, search);
            Assert.AreEqual(pair.BcpTenantId, match.Bcp.TenantId, search);
            Assert.AreEqual($"Zeta {marker} BCP", match.Bcp.AccountName, search);
            Assert.IsFalse(found.Any(p => p.PairId == other.PairId), $"'{search}' does not find the other pair");
        }

        var nothing = await PairPageAsync($"search={marker}-nobody");
        Assert.AreEqual(0, nothing.Items.Count);
        Assert.IsNull(nothing.ContinuationToken);
    }

    [TestMethod]
    public async Task Search_WithoutSetupPermission_Is403()
    {
        var pair = await BcpClient.CreatePairAsync(_host, $"Denied {Marker()}");
        using var admin = _host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SwitchPolicy, Permissions.TenantConfigEdit);
        foreach (var path in new[] { "/tenants?search=Denied", "/tenant-pairs?search=Denied" })
        {
            var problem = await BcpClient.ReadProblemAsync(await admin.GetAsync(path), HttpStatusCode.Forbidden);
            Assert.AreEqual("/problems/permission-required", problem.GetProperty("type").GetString(), path);
        }
    }

    [TestMethod]
    [DataRow("pageSize=0", "pageSize")]
    [DataRow("pageSize=101", "pageSize")]
    [DataRow("pageSize=ten", "pageSize")]
    [DataRow("continuationToken=%21%21%21", "continuationToken")]
    [DataRow("continuationToken=Zm9v", "continuationToken")]
    [DataRow("search=%01abc", "search")]
    public async Task Search_BadParameter_Is400NamingIt(string query, string parameter)
    {
        foreach (var route in new[] { "/tenants", "/tenant-pairs" })
        {
            var problem = await BcpClient.ReadProblemAsync(await _operator.GetAsync($"{route}?{query}"), HttpStatusCode.BadRequest);
            Assert.AreEqual("/problems/validation", problem.GetProperty("type").GetString());
            Assert.IsTrue(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"{route}?{query}: {problem}");
        }
    }

    [TestMethod]
    public async Task Search_TooLong_Is400NamingSearch()
    {
        var problem = await BcpClient.ReadProblemAsync(await _operator.GetAsync($"/tenants?search={new string('a', 201)}"), HttpStatusCode.BadRequest);
        Assert.IsTrue(problem.GetProperty("errors").TryGetProperty("search", out _), problem.ToString());
    }

    [TestMethod]
    public async Task SearchTenants_EntryLost_IsListedAgainWhenTheNodeStarts()
    {
        using var folder = new TempFolder();
        var store = StoreSetup.Sqlite(folder.File("bcp.db"));
        var marker = Marker();
        string tenantId;
        await using (var host = await ApiHost.StartAsync(store))
        {
            using var client = host.ClientFor("ops", "operator-1", Permissions.Setup);
            tenantId = await BcpClient.CreateTenantAsync(client, $"Lost {marker}", "us-east");
            var control = host.Services.GetRequiredService<IObjectStoreProvider>().Get(StorageNames.Control);
            var entries = await control.ListAsync($"directory/tenants/{tenantId}/", null, 10);
            Assert.AreEqual(1, entries.Objects.Count, "creating a tenant lists it");
            await control.DeleteAsync(entries.Objects[0].Key, entries.Objects[0].ETag);
            Assert.AreEqual(0, (await PageAsync<TenantPage>(client, $"/tenants?search={marker}")).Items.Count, "without its entry it is not found");
        }

        await using (var restarted = await ApiHost.StartAsync(store))
        {
            using var client = restarted.ClientFor("ops", "operator-1", Permissions.Setup);
            var found = await PageAsync<TenantPage>(client, $"/tenants?search={marker}");
            Assert.AreEqual(tenantId, found.Items.Single().TenantId);
        }
    }

    private static string Marker() => "M" + Guid.NewGuid().ToString("N")[..8];

    private static Task<TenantPage> TenantPageAsync(string query) => PageAsync<TenantPage>(_operator, $"/tenants?{query}");

    private static Task<PairPage> PairPageAsync(string query) => PageAsync<PairPage>(_operator, $"/tenant-pairs?{query}");

    private static Task<List<TenantRef>> AllTenantsAsync(string search) =>
        AllAsync<TenantRef, TenantPage>("/tenants", search, page => (page.Items, page.ContinuationToken));

    private static Task<List<PairEntry>> AllPairsAsync(string search) =>
        AllAsync<PairEntry, PairPage>("/tenant-pairs", search, page => (page.Items, page.ContinuationToken));

    /// <summary>Every match, following the tokens to the last page.</summary>
    private static async Task<List<TItem>> AllAsync<TItem, TPage>(string route, string search, Func<TPage, (IReadOnlyList<TItem> Items, string? Token)> read)
    {
        var all = new List<TItem>();
        string? token = null;
        do
        {
            var (items, next) = read(await PageAsync<TPage>(_operator, $"{route}?search={Uri.EscapeDataString(search)}" + (token is null ? "" : $"&continuationToken={token}")));
            all.AddRange(items);
            token = next;
        }
        while (token is not null);
        return all;
    }

    private static async Task<T> PageAsync<T>(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>(BcpClient.Json))!;
    }
}

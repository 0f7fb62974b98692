using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Access;

/// <summary>
/// A host on SQLite with a pair (primary in us-east, BCP in eu-west) and an unpaired third tenant,
/// an access admin of the primary (bcp.access.edit and tenant.config.edit) and an admin of the third.
/// </summary>
public sealed class AccessFixture : IAsyncDisposable
{
    private const int SeedParallelism = 16;

    private readonly TempFolder _folder;

    private AccessFixture(TempFolder folder, ApiHost host, TestPair pair, string otherTenant)
    {
        _folder = folder;
        Host = host;
        Pair = pair;
        OtherTenant = otherTenant;
        Admin = host.ClientFor(pair.PrimaryTenantId, "access-admin", Permissions.AccessEdit, Permissions.TenantConfigEdit);
        OtherAdmin = host.ClientFor(otherTenant, "other-admin", Permissions.AccessEdit, Permissions.TenantConfigEdit);
    }

    public ApiHost Host { get; }

    public TestPair Pair { get; }

    public string Primary => Pair.PrimaryTenantId;

    public string OtherTenant { get; }

    /// <summary>bcp.access.edit and tenant.config.edit in the primary tenant.</summary>
    public HttpClient Admin { get; }

    /// <summary>bcp.access.edit and tenant.config.edit in the unpaired third tenant.</summary>
    public HttpClient OtherAdmin { get; }

    public ITenantConfiguration Configuration => Host.Services.GetRequiredService<ITenantConfiguration>();

    public static async Task<AccessFixture> StartAsync()
    {
        var folder = new TempFolder();
        var host = await ApiHost.StartAsync(StoreSetup.Sqlite(folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host);
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);
        var other = await BcpClient.CreateTenantAsync(operatorClient, "Other Corp.", "ap-south");
        return new AccessFixture(folder, host, pair, other);
    }

    public async Task<TenantLocation> LocationAsync(string tenantId)
    {
        var tenant = await Host.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>(tenantId).GetAsync();
        return new TenantLocation(tenantId, tenant!.Region);
    }

    /// <summary>
    /// Writes users straight through the silo's services, as the configuration API does (username
    /// claimed, then the user written), 16 at a time: a thousand users in about a second, where
    /// a thousand HTTP creates would take several.
    /// </summary>
    public async Task<IReadOnlyList<SeededUser>> SeedUsersAsync(string tenantId, int count, string stem, Func<int, string>? bcpType = null)
    {
        var tenant = await LocationAsync(tenantId);
        var usernames = Host.Services.GetRequiredService<IUsernameIndex>();
        var users = Enumerable.Range(0, count)
            .Select(i => new SeededUser(Guid.NewGuid().ToString("N"), $"{stem}.{i:D4}.{Guid.NewGuid():N}@classics.example", bcpType?.Invoke(i) ?? "none"))
            .ToList();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = SeedParallelism }, async (user, _) =>
        {
            var claim = await usernames.ClaimAsync(user.Username, tenant, user.Id);
            Assert.AreEqual(IndexClaimOutcome.Created, claim.Outcome);
            await Configuration.CreateAsync(tenant, "users", user.Id, new JsonObject { ["username"] = user.Username, ["bcpType"] = user.BcpType });
        });
        return users;
    }

    /// <summary>Every user of the tenant by id, with its ETag (from a listing: no reads).</summary>
    public async Task<IReadOnlyDictionary<string, string>> UserETagsAsync(string tenantId)
    {
        var tenant = await LocationAsync(tenantId);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var (items, next) = await Configuration.ListAsync(tenant, "users", token, 1000);
            foreach (var item in items)
            {
                result[item.Id] = item.ETag;
            }

            token = next;
        }
        while (token is not null);
        return result;
    }

    public async Task<string> BcpTypeOfAsync(string tenantId, string userId) =>
        (await Configuration.GetAsync(await LocationAsync(tenantId), "users", userId))!.Data["bcpType"]!.GetValue<string>();

    public Task<string> CreateUserAsync(HttpClient client, string tenantId, string stem = "user") =>
        ConfigClient.CreateIdAsync(client, tenantId, "users", new { username = ConfigSamples.UniqueUsername(stem) });

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        OtherAdmin.Dispose();
        await Host.DisposeAsync();
        _folder.Dispose();
    }
}

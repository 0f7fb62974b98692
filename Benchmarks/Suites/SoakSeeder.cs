using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Benchmarks.Infrastructure;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// Makes the soak's pairs through the public HTTP API, before any fault: each primary gets skills, voice
/// points of contact on those skills (with numbers) and users of every BCP type; sync is enabled and one
/// run copies it all, so the BCP side can answer logins and calls from the first switch on.
/// </summary>
internal sealed class SoakSeeder(BenchmarkEnvironment environment, SoakSettings settings, Uri node)
{
    private static readonly string[] BcpTypes = ["none", "single", "multiple"];
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromMinutes(5);

    public async Task<(List<SoakPair> Pairs, List<SoakEntity> Entities)> SeedAsync(CancellationToken cancellationToken)
    {
        using var operatorClient = ApiCalls.CreateClient(node, environment.Token("operator-1", "ops", Permissions.Setup));
        var pairs = new List<SoakPair>();
        var entities = new List<SoakEntity>();
        for (var i = 0; i < settings.Pairs; i++)
        {
            var pair = await ApiCalls.CreatePairAsync(operatorClient, $"Soak {i:D2}", cancellationToken);
            var soakPair = new SoakPair(
                i,
                pair,
                environment.Token($"admin-{i}", pair.PrimaryTenantId, Permissions.TenantConfigEdit, Permissions.AccessEdit, Permissions.ActivationEdit, Permissions.SyncEdit),
                environment.Token($"reader-{i}", pair.BcpTenantId));
            using var admin = ApiCalls.CreateClient(node, soakPair.AdminToken);
            await SyncCalls.EnableAsync(admin, pair.PairId, cancellationToken);
            await SeedPrimaryAsync(admin, soakPair, entities, cancellationToken);
            pairs.Add(soakPair);
        }

        await Task.WhenAll(pairs.Select(pair => FirstSyncAsync(pair, cancellationToken)));
        Log.Info($"soak: {pairs.Count} pairs seeded and synced, {entities.Count} entities");
        return (pairs, entities);
    }

    private async Task SeedPrimaryAsync(HttpClient admin, SoakPair pair, List<SoakEntity> entities, CancellationToken cancellationToken)
    {
        var tenant = pair.Pair.PrimaryTenantId;
        for (var k = 0; k < settings.SkillsPerPair; k++)
        {
            var name = $"Soak skill {pair.Index}-{k}";
            var (id, etag) = await CreateAsync(admin, tenant, "skills", new { name }, cancellationToken);
            pair.SkillIds.Add(id);
            entities.Add(new SoakEntity(pair, "skills", id, new Dictionary<string, string>(), "name", name, etag));
        }

        for (var k = 0; k < settings.VoicePointsPerPair; k++)
        {
            var address = string.Create(CultureInfo.InvariantCulture, $"+1666{pair.Index:D3}{k:D4}");
            await CreateAsync(admin, tenant, "points-of-contact",
                new { name = $"Soak line {pair.Index}-{k}", channel = "voice", address, skillId = pair.SkillIds[k % pair.SkillIds.Count] }, cancellationToken);
            pair.VoiceAddresses.Add(address);
        }

        for (var k = 0; k < settings.UsersPerPair; k++)
        {
            var username = $"agent{k}@soak{pair.Index}.example";
            var (id, etag) = await CreateAsync(admin, tenant, "users", new { username, lastName = "Seeded", bcpType = BcpTypes[k % BcpTypes.Length] }, cancellationToken);
            pair.Usernames.Add(username);
            entities.Add(new SoakEntity(pair, "users", id, new Dictionary<string, string> { ["username"] = username }, "lastName", "Seeded", etag));
        }
    }

    private static async Task<(string Id, string? ETag)> CreateAsync(HttpClient admin, string tenant, string type, object body, CancellationToken cancellationToken)
    {
        using var response = await admin.PostAsJsonAsync($"/tenants/{tenant}/{type}", body, cancellationToken);
        var created = await ApiCalls.ExpectAsync(response, HttpStatusCode.Created, $"POST {type}", cancellationToken);
        return (created.GetProperty("id").GetString()!, response.Headers.ETag?.ToString());
    }

    private async Task FirstSyncAsync(SoakPair pair, CancellationToken cancellationToken)
    {
        using var admin = ApiCalls.CreateClient(node, pair.AdminToken);
        var runId = await SyncCalls.StartRunAsync(admin, pair.Pair.PairId, cancellationToken);
        pair.StartedRuns.Add(runId);
        var started = DateTime.UtcNow;
        while (true)
        {
            await Task.Delay(250, cancellationToken);
            var run = await SyncCalls.GetRunAsync(admin, pair.Pair.PairId, runId, cancellationToken);
            var outcome = run.GetProperty("outcome").GetString();
            if (outcome == "succeeded")
            {
                return;
            }

            if (outcome != "running" || DateTime.UtcNow - started > SyncTimeout)
            {
                throw new InvalidOperationException($"The first sync of {pair.Pair.PairId} did not succeed: {run}");
            }
        }
    }
}

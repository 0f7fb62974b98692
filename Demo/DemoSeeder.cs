using System.Net;
using System.Text.Json.Nodes;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Demo;

/// <summary>
/// Seeds a running server, through its public HTTP API only, with a pair whose primary tenant is a
/// small realistic contact center (the reference tenant generator's, scaled to ~50 agents), gives
/// some users a BCP type, enables the daily sync and runs it once so the BCP tenant holds the copies.
/// </summary>
/// <param name="api">The server.</param>
/// <param name="permissions">The permission names its tokens carry.</param>
/// <param name="mint">Makes a bearer token: tenant, user, permissions (the development key's, as the <c>token</c> command).</param>
public sealed class DemoSeeder(DemoApi api, DemoPermissions permissions, Func<string, string, IReadOnlyList<string>, string> mint)
{
    /// <summary>A small site: quick to write and sync, big enough for every page of the console to have rows.</summary>
    public static readonly ReferenceTenantSize Size = new(
        Dispositions: 12, HoursOfOperation: 4, Skills: 12, Roles: 6, Teams: 5, Files: 8, Scripts: 6,
        Users: 50, AgentSettings: 50, VoicePointsOfContact: 8, OtherPointsOfContact: 4);

    private const string SeederUser = "demo-seeder";
    private const int SingleUsers = 10;
    /// <summary>How long the demo waits for its sync run; a slower one goes on, and the console shows its progress.</summary>
    private static readonly TimeSpan SyncWait = TimeSpan.FromSeconds(5);

    public async Task<DemoPair> SeedAsync(CancellationToken cancellationToken)
    {
        // A fresh suffix per run: usernames and voice numbers are unique platform-wide, and the demo may run again.
        var suffix = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..4];
        var operatorToken = mint("ops", "operator-1", [permissions.Setup]);
        var primaryName = $"Classics Inc. (demo {suffix})";
        var primaryId = await CreateTenantAsync(operatorToken, primaryName, "us-east", cancellationToken);
        var bcpId = await CreateTenantAsync(operatorToken, primaryName + " BCP", "eu-west", cancellationToken);
        var pair = await api.SendAsync(HttpMethod.Post, "/tenant-pairs", operatorToken,
            new JsonObject { ["primaryTenantId"] = primaryId, ["bcpTenantId"] = bcpId }, HttpStatusCode.Created, cancellationToken);
        var pairId = pair["pairId"]!.GetValue<string>();

        var plan = WithBcpTypes(await PlanWithFreeNumbersAsync($"classics-{suffix}", cancellationToken));
        var admin = mint(primaryId, SeederUser, [permissions.TenantConfigEdit, permissions.AccessEdit, permissions.SyncEdit]);
        var ids = await new DemoTenantWriter(api, primaryId, admin).WriteAsync(plan, cancellationToken);
        var outcome = await SyncOnceAsync(pairId, admin, cancellationToken);

        return new DemoPair(
            pairId,
            pair["passkey"]!.GetValue<string>(),
            primaryId,
            primaryName,
            bcpId,
            primaryName + " BCP",
            ids[plan.AdministratorUserId],
            plan.SampleUsername,
            plan.Documents.Where(document => document.Type == EntityTypes.Users).Skip(1).First().Data["username"]!.GetValue<string>(),
            plan.SampleVoiceAddress,
            plan.IdsByType.ToDictionary(entry => entry.Key, entry => entry.Value.Count),
            outcome);
    }

    private async Task<string> CreateTenantAsync(string token, string name, string region, CancellationToken cancellationToken) =>
        (await api.SendAsync(HttpMethod.Post, "/tenants", token, new JsonObject { ["name"] = name, ["region"] = region }, HttpStatusCode.Created, cancellationToken))
            ["tenantId"]!.GetValue<string>();

    /// <summary>
    /// The tenant, with a seed whose block of voice numbers no point of contact uses yet: a number another
    /// point of contact holds is refused (409), and an earlier demo run took its block's first number.
    /// </summary>
    private async Task<ReferenceTenantPlan> PlanWithFreeNumbersAsync(string slug, CancellationToken cancellationToken)
    {
        var router = mint("platform", SeederUser, [permissions.LoginRead]);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var plan = ReferenceTenantGenerator.Plan(slug, Size, Random.Shared.Next(1, 1000));
            var number = Uri.EscapeDataString(plan.SampleVoiceAddress);
            if (await api.ProbeAsync($"/routing/voice?address={number}", router, cancellationToken) == HttpStatusCode.NotFound)
            {
                return plan;
            }
        }

        throw new DemoFailure("every block of demo voice numbers tried is in use: the store holds many demo pairs already.");
    }

    /// <summary>The administrator may use both tenants (the login selector); a few agents the BCP tenant only.</summary>
    private static ReferenceTenantPlan WithBcpTypes(ReferenceTenantPlan plan)
    {
        var users = plan.Documents.Where(document => document.Type == EntityTypes.Users).ToList();
        for (var i = 0; i < users.Count && i <= SingleUsers; i++)
        {
            users[i].Data["bcpType"] = i == 0 ? BcpTypes.Multiple : BcpTypes.Single;
        }

        return plan;
    }

    private async Task<string> SyncOnceAsync(string pairId, string token, CancellationToken cancellationToken)
    {
        await api.SendAsync(HttpMethod.Put, $"/tenant-pairs/{pairId}/sync", token,
            new JsonObject { ["enabled"] = true, ["mode"] = "default" }, HttpStatusCode.OK, cancellationToken);
        var started = await api.SendAsync(HttpMethod.Post, $"/tenant-pairs/{pairId}/sync/runs", token, null, HttpStatusCode.Accepted, cancellationToken);
        var runId = started["runId"]!.GetValue<string>();
        var deadline = DateTime.UtcNow + SyncWait;
        while (true)
        {
            var run = await api.GetAsync($"/tenant-pairs/{pairId}/sync/runs/{runId}", token, cancellationToken);
            var outcome = run["outcome"]!.GetValue<string>();
            if (outcome != "running" || DateTime.UtcNow > deadline)
            {
                return outcome;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}

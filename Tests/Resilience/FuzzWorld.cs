using System.Net;
using System.Text.Json.Nodes;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Sync;
using Orleans.Bcp.Tests.Webhooks;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// The data every hostile request is aimed at: a pair whose primary tenant has one entity of every
/// type (a user, a script, a voice point of contact, …), a finished sync run (so correlations and a
/// run report exist), two unpaired tenants (a valid pair request), and the callers' tokens.
/// </summary>
public sealed record FuzzWorld(
    TestPair Pair,
    string UnpairedPrimary,
    string UnpairedBcp,
    IReadOnlyDictionary<string, string> EntityIds,
    string Username,
    string VoiceAddress,
    string RunId)
{
    public const string AdminCaller = "admin";
    public const string OperatorCaller = "operator";

    /// <summary>A user of the pair's primary tenant with every permission there is, so inputs get past authorization.</summary>
    public string AdminToken { get; } = ApiHost.Token(Pair.PrimaryTenantId, "fuzz-admin", [.. Permissions.All]);

    /// <summary>An operator (<c>bcp.setup</c>) of no tenant of the pair.</summary>
    public string OperatorToken { get; } = ApiHost.Token("ops", "fuzz-operator", Permissions.Setup);

    /// <summary>A webhook of the pair (to a public address nothing answers at).</summary>
    public string WebhookId { get; init; } = "";

    public string TokenOf(string caller) => caller == OperatorCaller ? OperatorToken : AdminToken;

    public static async Task<FuzzWorld> CreateAsync(ApiHost host)
    {
        var pair = await BcpClient.CreatePairAsync(host, "Fuzz Classics Inc.");
        using var operatorClient = host.ClientFor("ops", "setup-operator", Permissions.Setup);
        var unpairedPrimary = await BcpClient.CreateTenantAsync(operatorClient, "Unpaired Primary", "us-east");
        var unpairedBcp = await BcpClient.CreateTenantAsync(operatorClient, "Unpaired BCP", "eu-west");

        using var admin = host.ClientFor(pair.PrimaryTenantId, "setup-admin", [.. Permissions.All]);
        var tenant = pair.PrimaryTenantId;
        var ids = new Dictionary<string, string>();
        async Task<string> CreateAsync(string type, object body) => ids[type] = await ConfigClient.CreateIdAsync(admin, tenant, type, body);

        await CreateAsync(EntityTypes.Dispositions, new { name = "Callback requested" });
        await CreateAsync(EntityTypes.HoursOfOperation, new { name = "Weekdays", timeZone = "America/New_York" });
        await CreateAsync(EntityTypes.Skills, new { name = "English" });
        await CreateAsync(EntityTypes.Roles, new { name = "Administrator - Sleepy Hollow", permissions = new[] { "users.edit" } });
        await CreateAsync(EntityTypes.Teams, new { name = "Night shift" });
        await CreateAsync(EntityTypes.Files, new { name = "greeting.wav" });
        await CreateAsync(EntityTypes.Scripts, new { name = "Main IVR", content = $"route to skill {ids[EntityTypes.Skills]}" });
        var username = "ichabod.crane@fuzz.example";
        await CreateAsync(EntityTypes.Users, new { username, firstName = "Ichabod", roleId = ids[EntityTypes.Roles], teamId = ids[EntityTypes.Teams] });
        await CreateAsync(EntityTypes.AgentSettings, new { userId = ids[EntityTypes.Users], skillIds = new[] { ids[EntityTypes.Skills] } });
        var voiceAddress = "+14155550100";
        await CreateAsync(EntityTypes.PointsOfContact, new
        {
            name = "Sales line", channel = "voice", address = voiceAddress,
            skillId = ids[EntityTypes.Skills], hoursOfOperationId = ids[EntityTypes.HoursOfOperation], scriptId = ids[EntityTypes.Scripts],
        });
        var settings = await ConfigClient.SendAsync(admin, HttpMethod.Put, $"/tenants/{tenant}/{EntityTypes.BusinessUnitSettings}", new JsonObject { ["timeZone"] = "UTC" }.ToJsonString());
        Assert.AreEqual(HttpStatusCode.Created, settings.StatusCode, await settings.Content.ReadAsStringAsync());

        // A run while sync is disabled is skipped: enabled, it copies and leaves correlations behind.
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        var run = await SyncClient.RunAsync(admin, pair.PairId);
        var (webhookId, _) = await WebhookClient.RegisterAsync(admin, pair.PairId, "https://203.0.113.10/hooks", "sync.failed");
        return new FuzzWorld(pair, unpairedPrimary, unpairedBcp, ids, username, voiceAddress, run.RunId) { WebhookId = webhookId };
    }
}

using System.Text.Json.Nodes;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// The fuzzer's knowledge of each route: valid path values, query and body (a template the route
/// accepts) and which fields and parameters it checks. Keyed by "METHOD /pattern" as the app maps
/// it; a mapped route missing here fails the suite, so a new route cannot go unfuzzed.
/// </summary>
public static class RouteCatalog
{
    /// <summary>A well-formed id nothing has: the route's checks run, and it answers 404.</summary>
    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    private static readonly string[] Regions = ["US-EAST", "../etc", "us_east", "a", "us-east-", "us-east\n", "ab-cd-ef-gh-ij", "abcdefghijklm", "\u00fcs-east", "us east"];

    public static IReadOnlyList<RouteTarget> Targets(FuzzWorld world)
    {
        var pair = world.Pair;
        var pairPath = new Dictionary<string, string> { ["pairId"] = pair.PairId };
        var tenantPath = new Dictionary<string, string> { ["tenantId"] = pair.PrimaryTenantId };
        IReadOnlyList<string> BadLimit(int max) => [.. HostileValues.BadNumbers, (max + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var targets = new List<RouteTarget>
        {
            new("GET", "/alive", Empty) { Anonymous = true },
            new("GET", "/health", Empty) { Anonymous = true },
            new("GET", "/metrics", Empty) { Anonymous = true },
            new("GET", "/", Empty) { Anonymous = true },
            new("GET", "/app.js", Empty) { Anonymous = true },
            new("GET", "/app.css", Empty) { Anonymous = true },
            new("GET", "/me", Empty) { TenantScoped = true },
            new("POST", "/tenants", Empty)
            {
                Json = new(new JsonObject { ["name"] = "Fuzz Tenant", ["region"] = "ap-south" },
                    [BodyField.Text("name", 200), BodyField.Shaped("region", true, Regions)], RequestLimits.MaxRequestBodyBytes),
            },
            new("GET", "/tenants/{tenantId}", tenantPath) { TenantScoped = true },
            new("GET", "/tenants", Empty) { Query = Q("search", "Fuzz"), BadQuery = BadSearch(BadLimit(100)) },
            new("GET", "/tenant-pairs", Empty) { Query = Q("search", "Fuzz"), BadQuery = BadSearch(BadLimit(100)) },
            new("POST", "/tenant-pairs", Empty)
            {
                // Only ids refused before any tenant is claimed: a claim made and given back is a write.
                Json = new(new JsonObject { ["primaryTenantId"] = world.UnpairedPrimary, ["bcpTenantId"] = world.UnpairedBcp },
                    [
                        BodyField.Shaped("primaryTenantId", true, "../x", "A", new string('a', 65), "0123456789abcdef0123456789abcdef", pair.PrimaryTenantId, world.UnpairedBcp),
                        BodyField.Shaped("bcpTenantId", true, "../x", "A", new string('a', 65), "0123456789abcdef0123456789abcdef", world.UnpairedPrimary),
                    ],
                    RequestLimits.MaxRequestBodyBytes),
            },
            new("GET", "/tenant-pairs/{pairId}", pairPath) { TenantScoped = true },
            new("PUT", "/tenant-pairs/{pairId}/active-side", pairPath)
            {
                TenantScoped = true,
                Caller = FuzzWorld.AdminCaller,
                Json = new(new JsonObject { ["side"] = "bcp", ["passkey"] = pair.Passkey },
                    [BodyField.Choice("side"), new("passkey", FieldKind.String, true, 100, [("empty", "\"\"")])], RequestLimits.MaxRequestBodyBytes),
            },
            new("GET", "/tenant-pairs/{pairId}/active-side/attempts", pairPath) { TenantScoped = true, Caller = FuzzWorld.AdminCaller },
            new("PUT", "/tenant-pairs/{pairId}/active-side", pairPath)
            {
                TenantScoped = true,
                Caller = FuzzWorld.OperatorCaller,
                Json = new(new JsonObject { ["side"] = "bcp", ["reason"] = "Disaster recovery drill" },
                    [
                        BodyField.Choice("side"),
                        new("reason", FieldKind.String, true, 500, [("empty", "\"\""), ("blank", "\"   \""), ("lone-high-surrogate", "\"a\\ud800b\""), ("lone-low-surrogate", "\"\\udfff\"")]),
                        new("passkey", FieldKind.String, false, 100, []),
                    ],
                    RequestLimits.MaxRequestBodyBytes),
            },
            new("POST", "/tenant-pairs/{pairId}/passkey/rotate", pairPath) { TenantScoped = true },
            new("GET", "/tenant-pairs/{pairId}/audit", pairPath) { TenantScoped = true, Query = Q("limit", "10"), BadQuery = BadQ("limit", BadLimit(500)) },
            new("GET", "/tenant-pairs/{pairId}/sync", pairPath) { TenantScoped = true },
            new("PUT", "/tenant-pairs/{pairId}/sync", pairPath)
            {
                TenantScoped = true,
                Json = new(new JsonObject { ["enabled"] = false, ["mode"] = "custom", ["entityTypes"] = new JsonArray("skills"), ["rewriteScriptIds"] = false },
                    [
                        BodyField.Flag("enabled", required: true),
                        BodyField.Choice("mode", required: false),
                        BodyField.Strings("entityTypes", false, "nope", "", "SKILLS", "skills ", "../skills", "\u0000"),
                        BodyField.Flag("rewriteScriptIds"),
                    ],
                    RequestLimits.MaxRequestBodyBytes),
            },
            new("POST", "/tenant-pairs/{pairId}/sync/runs", pairPath) { TenantScoped = true },
            new("GET", "/tenant-pairs/{pairId}/sync/runs", pairPath) { TenantScoped = true, Query = Q("limit", "5"), BadQuery = BadQ("limit", BadLimit(50)) },
            new("GET", "/tenant-pairs/{pairId}/sync/runs/{runId}", new Dictionary<string, string> { ["pairId"] = pair.PairId, ["runId"] = world.RunId }) { TenantScoped = true },
            new("POST", "/tenant-pairs/{pairId}/sync/runs/{runId}/release-deletes", new Dictionary<string, string> { ["pairId"] = pair.PairId, ["runId"] = world.RunId }) { TenantScoped = true },
            new("GET", "/tenant-pairs/{pairId}/correlations/{type}/{id}", new Dictionary<string, string>
            {
                ["pairId"] = pair.PairId, ["type"] = EntityTypes.Skills, ["id"] = world.EntityIds[EntityTypes.Skills],
            })
            {
                TenantScoped = true,
                BadQuery = BadQ("direction", ["sideways", "", "REVERSE", "reverse%00", "reverse,forward", "reverse&direction=forward", "%FF", new string('r', 3_000)]),
            },
            new("GET", "/tenant-pairs/{pairId}/scripts/checklist", pairPath) { TenantScoped = true },
            new("POST", "/tenant-pairs/{pairId}/webhooks", pairPath)
            {
                TenantScoped = true,
                Json = new(new JsonObject { ["url"] = "https://203.0.113.10/hooks", ["events"] = new JsonArray("switch.succeeded") },
                    [
                        BodyField.Shaped("url", true, "", "not a url", "ftp://203.0.113.10/", "https://127.0.0.1/", "https://10.0.0.1/", "https://169.254.169.254/", "http://203.0.113.10/", "https://u:p@203.0.113.10/"),
                        BodyField.Strings("events", true, "nope", "", "SWITCH.SUCCEEDED", "switch.succeeded ", "\u0000"),
                    ],
                    RequestLimits.MaxRequestBodyBytes),
            },
            new("GET", "/tenant-pairs/{pairId}/webhooks", pairPath) { TenantScoped = true },
            new("DELETE", "/tenant-pairs/{pairId}/webhooks/{webhookId}", new Dictionary<string, string> { ["pairId"] = pair.PairId, ["webhookId"] = world.WebhookId }) { TenantScoped = true },
            new("GET", "/tenant-pairs/{pairId}/webhooks/{webhookId}/deliveries", new Dictionary<string, string> { ["pairId"] = pair.PairId, ["webhookId"] = world.WebhookId })
            {
                TenantScoped = true, Query = Q("limit", "5"), BadQuery = BadQ("limit", BadLimit(100)),
            },
            new("GET", "/tenant-pairs/{pairId}/readiness", pairPath) { TenantScoped = true },
            new("POST", "/tenant-pairs/{pairId}/drills", pairPath)
            {
                TenantScoped = true,
                Caller = FuzzWorld.AdminCaller,
                Json = new(new JsonObject { ["side"] = "bcp", ["passkey"] = pair.Passkey },
                    [BodyField.Choice("side"), new("passkey", FieldKind.String, false, 100, [])], RequestLimits.MaxRequestBodyBytes),
            },
            new("GET", "/tenant-pairs/{pairId}/drills", pairPath) { TenantScoped = true },
            new("GET", "/tenant-pairs/{pairId}/drills/{drillId}", new Dictionary<string, string> { ["pairId"] = pair.PairId, ["drillId"] = UnknownId }) { TenantScoped = true },
            new("GET", "/tenant-pairs/{pairId}/drills/schedule", pairPath) { TenantScoped = true },
            new("PUT", "/tenant-pairs/{pairId}/drills/schedule", pairPath)
            {
                TenantScoped = true,
                Json = new(new JsonObject { ["enabled"] = false, ["weekday"] = "sunday", ["at"] = "03:00" },
                    [
                        BodyField.Flag("enabled", required: true),
                        BodyField.Shaped("weekday", true, "funday", "SUNDAY ", "7", "\u0000"),
                        BodyField.Shaped("at", true, "25:00", "3pm", "03:60", "0300", "03:00:00"),
                    ],
                    RequestLimits.MaxRequestBodyBytes),
            },
            new("GET", "/tenant-pairs/{pairId}/failback", pairPath) { TenantScoped = true },
            new("GET", "/tenant-pairs/{pairId}/approval", pairPath) { TenantScoped = true },
            new("PUT", "/tenant-pairs/{pairId}/approval", pairPath)
            {
                TenantScoped = true,
                // windowMinutes is a number: its range is the approval tests' (Tests/Approval/ApprovalTests.cs).
                Json = new(new JsonObject { ["required"] = false, ["windowMinutes"] = 15 }, [BodyField.Flag("required", required: true)], RequestLimits.MaxRequestBodyBytes),
            },
            new("GET", "/tenant-pairs/{pairId}/switch-requests/{requestId}", new Dictionary<string, string> { ["pairId"] = pair.PairId, ["requestId"] = UnknownId }) { TenantScoped = true },
            new("POST", "/tenant-pairs/{pairId}/switch-requests/{requestId}/approve", new Dictionary<string, string> { ["pairId"] = pair.PairId, ["requestId"] = UnknownId })
            {
                TenantScoped = true,
            },
            new("POST", "/tenant-pairs/{pairId}/switch-requests/{requestId}/decline", new Dictionary<string, string> { ["pairId"] = pair.PairId, ["requestId"] = UnknownId })
            {
                TenantScoped = true,
            },
            new("GET", "/tenant-pairs/{pairId}/switches", pairPath) { TenantScoped = true },
            new("GET", "/tenant-pairs/{pairId}/switches/{epoch}", new Dictionary<string, string> { ["pairId"] = pair.PairId, ["epoch"] = "1" }) { TenantScoped = true },
            new("GET", "/login/options", Empty)
            {
                Query = Q("username", Uri.EscapeDataString(world.Username)),
                BadQuery = BadQ("username",
                [
                    "", "%20%20", "%00", "a%0Ab", new string('a', 257), "nobody%40fuzz.example", "..%2F..", "*", "%25", "%E2%80%AE",
                    .. HostileValues.InvalidUtf8Encoded,
                ]),
            },
            new("GET", "/routing/voice", Empty)
            {
                Query = Q("address", Uri.EscapeDataString(world.VoiceAddress)),
                BadQuery = BadQ("address",
                [
                    "", "abc", "%2B", "%2B0123", "%2B1234567890123456", "14155550100", "%2B19999999999", "%2B1%00", "%2B1%20415%20555%200199",
                    "%FF", new string('1', 2_000), "%2B%EF%BC%91%EF%BC%94",
                ]),
            },
            new("GET", "/tenants/{tenantId}/business-unit-settings", tenantPath) { TenantScoped = true },
            new("PUT", "/tenants/{tenantId}/business-unit-settings", tenantPath)
            {
                TenantScoped = true,
                HonoursIfMatch = true,
                Json = new(new JsonObject { ["timeZone"] = "Europe/Berlin" }, [], RequestLimits.MaxRequestBodyBytes) { WholeBodyChecked = true },
            },
            new("POST", "/tenants/{tenantId}/business-unit-settings", tenantPath) { TenantScoped = true, AlwaysRefused = true },
            new("DELETE", "/tenants/{tenantId}/business-unit-settings", tenantPath) { TenantScoped = true, AlwaysRefused = true },
        };

        foreach (var type in EntityTypes.InSyncOrder.Where(type => !type.Singleton))
        {
            var typePath = new Dictionary<string, string> { ["tenantId"] = pair.PrimaryTenantId, ["type"] = type.Name };
            var itemPath = new Dictionary<string, string>(typePath) { ["id"] = world.EntityIds[type.Name] };
            var (create, replace, fields) = Entity(world, type.Name);
            var limit = type.Name == EntityTypes.Scripts ? EntityBody.MaxScriptBodyBytes : RequestLimits.MaxRequestBodyBytes;
            var large = type.Name == EntityTypes.Scripts ? ("content", EntityValidator.MaxScriptContentBytes) : ((string, int)?)null;
            targets.Add(new("GET", "/tenants/{tenantId}/{type}", typePath)
            {
                TenantScoped = true,
                BadQuery = new Dictionary<string, IReadOnlyList<string>>
                {
                    ["pageSize"] = BadLimit(1000),
                    ["continuationToken"] = ["!!!", "%FF", "a%00", "====", "_w", "_-8", new string('a', 5_000), "%E2%80%AE"],
                },
            });
            targets.Add(new("POST", "/tenants/{tenantId}/{type}", typePath)
            {
                TenantScoped = true,
                Json = new(create, fields, limit) { WholeBodyChecked = true, IdForbidden = true, LargeField = large },
            });
            targets.Add(new("GET", "/tenants/{tenantId}/{type}/{id}", itemPath) { TenantScoped = true });
            targets.Add(new("PUT", "/tenants/{tenantId}/{type}/{id}", itemPath)
            {
                TenantScoped = true,
                HonoursIfMatch = true,
                Json = new(replace, fields, limit) { WholeBodyChecked = true, IdForbidden = true, LargeField = large },
            });
            targets.Add(new("DELETE", "/tenants/{tenantId}/{type}/{id}", itemPath) { TenantScoped = true, HonoursIfMatch = true });
        }

        // Routes of the API (docs/api.md) that other branches add: covered as soon as they are mapped.
        targets.Add(new("POST", "/tenants/{tenantId}/users/bcp-types", tenantPath) { TenantScoped = true, Csv = CsvBodies.Generate(world) });
        targets.Add(new("PUT", "/tenants/{tenantId}/users/{userId}/bcp-type", new Dictionary<string, string>
        {
            ["tenantId"] = pair.PrimaryTenantId, ["userId"] = world.EntityIds[EntityTypes.Users],
        })
        {
            TenantScoped = true,
            Json = new(new JsonObject { ["bcpType"] = "single" }, [BodyField.Choice("bcpType")], RequestLimits.MaxRequestBodyBytes),
        });
        targets.Add(new("GET", "/tenant-pairs/{pairId}/bcp-access", pairPath) { TenantScoped = true });
        return targets;
    }

    /// <summary>
    /// A route the catalog does not know yet ("METHOD /pattern"): its parameters get the world's ids
    /// by name, so it still gets path, credential and method abuse, but nothing aimed at its body or query.
    /// </summary>
    public static RouteTarget Generic(FuzzWorld world, string route, bool anonymous)
    {
        var (method, template) = (route[..route.IndexOf(' ')], route[(route.IndexOf(' ') + 1)..]);
        var values = System.Text.RegularExpressions.Regex.Matches(template, "\\{([^}:?]+)[^}]*\\}")
            .Select(match => match.Groups[1].Value)
            .ToDictionary(name => name, name => name switch
            {
                "tenantId" => world.Pair.PrimaryTenantId,
                "pairId" => world.Pair.PairId,
                "userId" => world.EntityIds[EntityTypes.Users],
                "runId" => world.RunId,
                "type" => EntityTypes.Skills,
                _ => world.EntityIds[EntityTypes.Skills],
            });
        return new(method == "*" ? "GET" : method, template, values) { Anonymous = anonymous };
    }

    /// <summary>A create body, a replace body for the world's entity, and the fields the type checks (EntityValidator).</summary>
    private static (JsonObject Create, JsonObject Replace, IReadOnlyList<BodyField> Fields) Entity(FuzzWorld world, string type)
    {
        var ids = world.EntityIds;
        var name = BodyField.Text("name", EntityValidator.MaxNameLength);
        JsonObject Named(string value) => new() { ["name"] = value };
        switch (type)
        {
            case EntityTypes.Roles:
                return (new JsonObject { ["name"] = "Fuzz role", ["permissions"] = new JsonArray("users.read") },
                    new JsonObject { ["name"] = "Administrator - Sleepy Hollow", ["permissions"] = new JsonArray() },
                    [name, BodyField.Strings("permissions", false, "", new string('p', 201), "a\u0001b")]);
            case EntityTypes.Scripts:
                return (new JsonObject { ["name"] = "Fuzz script", ["content"] = "say hello" },
                    new JsonObject { ["name"] = "Main IVR", ["content"] = "" },
                    [name, new("content", FieldKind.String, true, 0, [("lone-high-surrogate", "\"a\\ud800b\""), ("lone-low-surrogate", "\"\\udfff\"")])]);
            case EntityTypes.Users:
                var user = new JsonObject
                {
                    ["username"] = "fuzz.new.user@fuzz.example", ["firstName"] = "Fuzz", ["lastName"] = "User",
                    ["roleId"] = ids[EntityTypes.Roles], ["teamId"] = ids[EntityTypes.Teams], ["bcpType"] = "none",
                };
                var existing = user.DeepClone().AsObject();
                existing["username"] = world.Username;
                return (user, existing,
                [
                    BodyField.Text("username", EntityValidator.MaxUsernameLength),
                    BodyField.Text("firstName", EntityValidator.MaxNameLength, required: false),
                    BodyField.Text("lastName", EntityValidator.MaxNameLength, required: false),
                    BodyField.Choice("bcpType", required: false),
                    BodyField.Reference("roleId"),
                    BodyField.Reference("teamId"),
                ]);
            case EntityTypes.AgentSettings:
                var settings = new JsonObject { ["userId"] = ids[EntityTypes.Users], ["skillIds"] = new JsonArray(ids[EntityTypes.Skills]), ["maxChats"] = 2 };
                return (settings, settings.DeepClone().AsObject(),
                    [BodyField.Reference("userId", required: true), BodyField.Strings("skillIds", false, "", "0123456789abcdef0123456789abcdef", "../x")]);
            case EntityTypes.PointsOfContact:
                JsonObject Line(string address) => new()
                {
                    ["name"] = "Fuzz line", ["channel"] = "voice", ["address"] = address, ["skillId"] = ids[EntityTypes.Skills],
                    ["hoursOfOperationId"] = ids[EntityTypes.HoursOfOperation], ["scriptId"] = ids[EntityTypes.Scripts], ["active"] = true,
                };
                return (Line("+14155550199"), Line(world.VoiceAddress),
                [
                    name,
                    BodyField.Choice("channel"),
                    BodyField.Shaped("address", true, "abc", "+0123", "12345", "+1234567890123456", "+1 (415) 555-01OO", "+1\u0000415"),
                    BodyField.Reference("skillId"),
                    BodyField.Reference("hoursOfOperationId"),
                    BodyField.Reference("scriptId"),
                    BodyField.Flag("active"),
                ]);
            default:
                var create = Named("Fuzz " + type);
                create["code"] = "FZ";
                return (create, Named("Renamed " + type), [name]);
        }
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private static Dictionary<string, string> Q(string name, string value) => new() { [name] = value };

    private static Dictionary<string, IReadOnlyList<string>> BadQ(string name, IReadOnlyList<string> values) => new() { [name] = values };

    /// <summary>The find-by-name query: text too long or with a control character, a bad page size, a token no page gave.</summary>
    private static Dictionary<string, IReadOnlyList<string>> BadSearch(IReadOnlyList<string> badPageSizes) => new()
    {
        ["search"] = [new string('a', 201), "a%01b", "%0A", "%7F"],
        ["pageSize"] = badPageSizes,
        ["continuationToken"] = ["!!!", "%FF", "a%00", "====", "_w", "Zm9v", "OTk5OTk", new string('a', 5_000), "%E2%80%AE"],
    };
}

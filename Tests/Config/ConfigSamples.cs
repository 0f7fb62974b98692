using System.Text.Json.Nodes;

namespace Orleans.Bcp.Tests.Config;

/// <summary>
/// A valid body for each collection type, and a different valid body to replace it with. The
/// entities they reference are created first, in the same tenant.
/// </summary>
public static class ConfigSamples
{
    public static readonly IReadOnlyList<string> CollectionTypes =
    [
        "dispositions", "hours-of-operation", "skills", "roles", "teams", "files", "scripts", "users", "agent-settings", "points-of-contact",
    ];

    public static IEnumerable<object[]> CollectionTypeRows() => CollectionTypes.Select(type => new object[] { type });

    public static string UniqueUsername(string stem = "user") => $"{stem}.{Guid.NewGuid():N}@classics.example";

    public static async Task<(JsonObject Create, JsonObject Replace)> BodiesAsync(HttpClient client, string tenantId, string type)
    {
        switch (type)
        {
            case "dispositions":
                return (new JsonObject { ["name"] = "Callback requested", ["code"] = "CB" }, new JsonObject { ["name"] = "Callback", ["code"] = "CB2" });
            case "hours-of-operation":
                return (new JsonObject { ["name"] = "Weekdays", ["timeZone"] = "America/New_York", ["days"] = new JsonArray("mon", "tue") },
                    new JsonObject { ["name"] = "Every day", ["timeZone"] = "America/New_York" });
            case "skills":
                return (new JsonObject { ["name"] = "English" }, new JsonObject { ["name"] = "English (US)", ["priority"] = 2 });
            case "roles":
                return (new JsonObject { ["name"] = "Administrator - Sleepy Hollow", ["permissions"] = new JsonArray("users.edit", "skills.read") },
                    new JsonObject { ["name"] = "Administrator", ["permissions"] = new JsonArray() });
            case "teams":
                return (new JsonObject { ["name"] = "Night shift" }, new JsonObject { ["name"] = "Day shift" });
            case "files":
                return (new JsonObject { ["name"] = "greeting.wav", ["size"] = 1234 }, new JsonObject { ["name"] = "welcome.wav", ["size"] = 99 });
            case "scripts":
                return (new JsonObject { ["name"] = "Main IVR", ["content"] = "say hello\nroute to queue" }, new JsonObject { ["name"] = "Main IVR", ["content"] = "" });
            case "users":
                var roleId = await ConfigClient.CreateIdAsync(client, tenantId, "roles", new { name = "Agent" });
                var teamId = await ConfigClient.CreateIdAsync(client, tenantId, "teams", new { name = "Sleepy Hollow" });
                return (new JsonObject { ["username"] = UniqueUsername("ichabod"), ["firstName"] = "Ichabod", ["lastName"] = "Crane", ["roleId"] = roleId, ["teamId"] = teamId },
                    new JsonObject { ["username"] = UniqueUsername("ichabod.crane"), ["firstName"] = "Ichabod", ["roleId"] = roleId });
            case "agent-settings":
                var userId = await ConfigClient.CreateIdAsync(client, tenantId, "users", new { username = UniqueUsername("agent") });
                var english = await ConfigClient.CreateIdAsync(client, tenantId, "skills", new { name = "English" });
                var german = await ConfigClient.CreateIdAsync(client, tenantId, "skills", new { name = "German" });
                return (new JsonObject { ["userId"] = userId, ["skillIds"] = new JsonArray(english, german), ["maxChats"] = 3 },
                    new JsonObject { ["userId"] = userId, ["skillIds"] = new JsonArray(german) });
            case "points-of-contact":
                var skillId = await ConfigClient.CreateIdAsync(client, tenantId, "skills", new { name = "Sales" });
                var hoursId = await ConfigClient.CreateIdAsync(client, tenantId, "hours-of-operation", new { name = "Always" });
                var scriptId = await ConfigClient.CreateIdAsync(client, tenantId, "scripts", new { name = "Sales IVR", content = "" });
                return (new JsonObject { ["name"] = "Sales line", ["channel"] = "voice", ["address"] = "+14155550100", ["skillId"] = skillId, ["hoursOfOperationId"] = hoursId, ["scriptId"] = scriptId, ["active"] = true },
                    new JsonObject { ["name"] = "Sales line", ["channel"] = "voice", ["address"] = "+14155550101", ["skillId"] = skillId, ["active"] = false });
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "not a collection type");
        }
    }
}

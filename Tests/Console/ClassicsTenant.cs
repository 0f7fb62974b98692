using Orleans.Bcp.Tests.Config;

namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>
/// The primary tenant of the source documents, written through the configuration API as its admin would:
/// roles (Ichabod Crane is "Administrator - Sleepy Hollow"), a team, skills, hours, dispositions, a file,
/// users with BCP types, agent settings, a voice and an email point of contact, and a script that quotes ids.
/// Usernames are unique per host: seed it once per host.
/// </summary>
public sealed record ClassicsTenant(string AdminRoleId, string EnglishSkillId, string HoursId, string IchabodId, string ScriptId)
{
    public const int Skills = 3;

    public static async Task<ClassicsTenant> SeedAsync(HttpClient admin, string tenantId)
    {
        Task<string> Create(string type, object body) => ConfigClient.CreateIdAsync(admin, tenantId, type, body);

        var adminRole = await Create("roles", new { name = "Administrator - Sleepy Hollow", permissions = new[] { "admin", "bcp" } });
        var agentRole = await Create("roles", new { name = "Agent", permissions = new[] { "agent" } });
        var team = await Create("teams", new { name = "Sleepy Hollow" });
        var english = await Create("skills", new { name = "English" });
        var billing = await Create("skills", new { name = "Billing" });
        await Create("skills", new { name = "Spanish" });
        var hours = await Create("hours-of-operation", new { name = "Weekdays 08:00–18:00" });
        await Create("dispositions", new { name = "Resolved" });
        await Create("dispositions", new { name = "Call back" });
        await Create("files", new { name = "greeting.wav" });
        var ichabod = await Create("users", new { username = "ichabod.crane@classics.example", firstName = "Ichabod", lastName = "Crane", roleId = adminRole, teamId = team, bcpType = "multiple" });
        var katrina = await Create("users", new { username = "katrina.vantassel@classics.example", firstName = "Katrina", lastName = "Van Tassel", roleId = agentRole, teamId = team, bcpType = "single" });
        await Create("users", new { username = "brom.bones@classics.example", firstName = "Brom", lastName = "Bones", roleId = agentRole, teamId = team });
        await Create("users", new { username = "baltus.vantassel@classics.example", firstName = "Baltus", lastName = "Van Tassel", roleId = agentRole });
        await Create("agent-settings", new { userId = katrina, skillIds = new[] { english, billing } });
        var script = await Create("scripts", new { name = "Main IVR", content = $"ASSIGN skill = {english}\nIF closed({hours}) PLAY greeting\nREQAGENT {billing}" });
        await Create("points-of-contact", new { name = "Sales", channel = "voice", address = "+1 (415) 555-0100", skillId = english, hoursOfOperationId = hours, scriptId = script });
        await Create("points-of-contact", new { name = "Support mail", channel = "email", address = "support@classics.example", skillId = billing });
        return new ClassicsTenant(adminRole, english, hours, ichabod, script);
    }
}

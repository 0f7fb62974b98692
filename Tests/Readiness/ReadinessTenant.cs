using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Sync;

namespace Orleans.Bcp.Tests.Readiness;

/// <summary>A small primary tenant that is ready once synced: a voice point of contact on a skill, and its agent with BCP access.</summary>
public sealed record ReadinessTenant(string SkillId, string HoursId, string ScriptId, string ContactId, string AgentId, string AgentSettingsId)
{
    public static async Task<ReadinessTenant> SeedAsync(ApiHost host, TestPair pair, string agentBcpType = "single", string scriptContent = "SAY hello")
    {
        var primary = TenantData.PrimaryOf(host, pair);
        var skill = await primary.AddAsync(EntityTypes.Skills, new { name = "Billing" });
        var hours = await primary.AddAsync(EntityTypes.HoursOfOperation, new { name = "Office hours" });
        var script = await primary.AddAsync(EntityTypes.Scripts, new { name = "Greeting", content = scriptContent });
        var contact = await primary.AddAsync(EntityTypes.PointsOfContact,
            new { name = "Main line", channel = "voice", address = "+15551230000", skillId = skill, hoursOfOperationId = hours, scriptId = script });
        var agent = await primary.AddAsync(EntityTypes.Users, new { username = "agent@classics.example", bcpType = agentBcpType });
        var settings = await primary.AddAsync(EntityTypes.AgentSettings, new { userId = agent, skillIds = new[] { skill } });
        return new ReadinessTenant(skill, hours, script, contact, agent, settings);
    }
}

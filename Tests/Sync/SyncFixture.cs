using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>A small primary tenant with every entity type, every kind of reference and scripts that quote ids.</summary>
public static class SyncFixture
{
    public static async Task<SeededTenant> SeedAsync(TenantData primary)
    {
        var ids = new Dictionary<string, IReadOnlyList<string>>();
        ids[EntityTypes.BusinessUnitSettings] = [await primary.AddAsync(EntityTypes.BusinessUnitSettings, new { name = "Classics Inc.", timeZone = "America/New_York" }, EntityTypes.SingletonId)];
        ids[EntityTypes.Dispositions] = await AddManyAsync(primary, EntityTypes.Dispositions, 3, i => new { name = $"Disposition {i}" });
        ids[EntityTypes.HoursOfOperation] = await AddManyAsync(primary, EntityTypes.HoursOfOperation, 2, i => new { name = $"Hours {i}", open = "08:00", close = "18:00" });
        var skills = await AddManyAsync(primary, EntityTypes.Skills, 4, i => new { name = $"Skill {i}" });
        ids[EntityTypes.Skills] = skills;
        var roles = await AddManyAsync(primary, EntityTypes.Roles, 2, i => new { name = $"Role {i}", permissions = new[] { "calls.take", $"perm-{i}" } });
        ids[EntityTypes.Roles] = roles;
        var teams = await AddManyAsync(primary, EntityTypes.Teams, 2, i => new { name = $"Team {i}" });
        ids[EntityTypes.Teams] = teams;
        ids[EntityTypes.Files] = await AddManyAsync(primary, EntityTypes.Files, 2, i => new { name = $"prompt-{i}.wav", size = 1000 + i });

        // Points of contact reference scripts and scripts quote points of contact: fix the ids first.
        var contacts = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var scripts = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var users = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        for (var i = 0; i < scripts.Count; i++)
        {
            // skills[3] appears only inside longer tokens, so it must be neither listed nor rewritten.
            var content = $"ROUTE skill={skills[i]}\nTRANSFER poc={contacts[i]}\nNOTIFY user={users[i]};\nLOG x{skills[3]} {skills[3]}2";
            await primary.AddAsync(EntityTypes.Scripts, new { name = $"Script {i}", content }, scripts[i]);
        }

        ids[EntityTypes.Scripts] = scripts;
        for (var i = 0; i < users.Count; i++)
        {
            await primary.AddAsync(EntityTypes.Users, new { username = $"agent{i}@classics.example", firstName = "Agent", lastName = $"{i}", roleId = roles[i % 2], teamId = teams[i % 2], bcpType = "none" }, users[i]);
        }

        ids[EntityTypes.Users] = users;
        ids[EntityTypes.AgentSettings] = await AddManyAsync(primary, EntityTypes.AgentSettings, 5, i => new { userId = users[i], skillIds = new[] { skills[i % 3], skills[(i + 1) % 3] } });
        var channels = new[] { ("voice", "+15551230000"), ("voice", "+15551230001"), ("voice", "+15551230002"), ("email", "help@classics.example"), ("chat", "web-chat") };
        for (var i = 0; i < contacts.Count; i++)
        {
            var (channel, address) = channels[i];
            await primary.AddAsync(EntityTypes.PointsOfContact, new
            {
                name = $"Contact {i}",
                channel,
                address,
                skillId = skills[i % 3],
                hoursOfOperationId = ids[EntityTypes.HoursOfOperation][i % 2],
                scriptId = scripts[i % 3],
                active = true,
            }, contacts[i]);
        }

        ids[EntityTypes.PointsOfContact] = contacts;
        return new SeededTenant(ids, skills[0], contacts[0], users[0], skills[3]);
    }

    private static async Task<IReadOnlyList<string>> AddManyAsync(TenantData tenant, string type, int count, Func<int, object> fields)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await tenant.AddAsync(type, fields(i)));
        }

        return ids;
    }
}

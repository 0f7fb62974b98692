using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>
/// <c>bcp-access</c>: no user with BCP type <c>single</c> or <c>multiple</c> → fail (nobody can log in to the BCP
/// tenant); agents assigned (by their agent settings) to the skills of synced voice points of contact who have
/// no BCP access → warn, each listed: those calls would find fewer agents.
/// </summary>
public static class BcpAccessCheck
{
    public static ReadinessCheck Build(ReadinessInputs inputs)
    {
        const string Id = ReadinessCheckIds.BcpAccess;
        if (inputs.Users.Value is not { } users)
        {
            return ReadinessCheck.Of(Id, ReadinessStatus.Warn, $"{inputs.Users.Failure}: who may log in to the BCP tenant is unknown.", []);
        }

        var partial = users.Complete ? "" : " (some users could not be read in time)";
        var withAccess = users.Facts.Where(u => u.Value.BcpType is BcpTypes.Single or BcpTypes.Multiple).Select(u => u.Key).ToHashSet(StringComparer.Ordinal);
        if (withAccess.Count == 0)
        {
            return ReadinessCheck.Of(Id, ReadinessStatus.Fail,
                $"Nobody can log in to the BCP tenant: none of the {users.Facts.Count} users has BCP type single or multiple{partial}.", []);
        }

        var access = $"{withAccess.Count} of {users.Facts.Count} users may log in to the BCP tenant";
        if (inputs.PrimaryContacts.Value is not { } contacts || inputs.AgentSettings.Value is not { } agents || inputs.Correlations.Value is not { } correlations)
        {
            return ReadinessCheck.Of(Id, ReadinessStatus.Warn,
                $"{access}; {inputs.PrimaryContacts.Failure ?? inputs.AgentSettings.Failure ?? inputs.Correlations.Failure}: the agents of the synced voice points of contact are unknown.", []);
        }

        var skills = contacts.Facts
            .Where(c => c.Value is { IsVoice: true, IsActive: true, SkillId: not null } && correlations[EntityTypes.PointsOfContact].GetValueOrDefault(c.Key) is { IsComplete: true })
            .Select(c => c.Value.SkillId!)
            .ToHashSet(StringComparer.Ordinal);
        var assigned = agents.Facts.Values
            .Where(a => a.UserId is not null && a.SkillIds.Any(skills.Contains))
            .Select(a => a.UserId!)
            .ToHashSet(StringComparer.Ordinal);
        var lacking = assigned.Where(user => !withAccess.Contains(user)).Order(StringComparer.Ordinal)
            .Select(user => new ReadinessItem(EntityTypes.Users, user, inputs.BcpIdOf(EntityTypes.Users, user), users.Facts.GetValueOrDefault(user)?.Name, BcpTypes.Field,
                "assigned to a skill of a synced voice point of contact, but has BCP type none"))
            .ToList();
        return lacking.Count == 0
            ? ReadinessCheck.Of(Id, ReadinessStatus.Pass, $"{access}, including every agent on the skills of synced voice points of contact ({assigned.Count}){partial}.", [])
            : ReadinessCheck.Of(Id, ReadinessStatus.Warn,
                $"{access}; {lacking.Count} of the {assigned.Count} agents on the skills of synced voice points of contact may not{partial}.", lacking);
    }
}

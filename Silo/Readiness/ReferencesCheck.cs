using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>
/// <c>references</c>: entities the last successful sync could not copy (or update) because a reference — a point
/// of contact's skill, hours or script, a user's role or team, an agent's user or skills — has no BCP copy; a
/// BCP copy made before stays as it was. Any → warn, each listed with the field and the missing id.
/// </summary>
public static class ReferencesCheck
{
    public static ReadinessCheck Build(ReadinessInputs inputs)
    {
        const string Id = ReadinessCheckIds.References;
        if (inputs.Runs.Value is null)
        {
            return ReadinessCheck.Of(Id, ReadinessStatus.Warn, $"{inputs.Runs.Failure}: unresolved references are unknown.", []);
        }

        if (inputs.LastSuccess is not { } run)
        {
            return ReadinessCheck.Of(Id, ReadinessStatus.Warn, "Never synced: no run has resolved any reference yet.", []);
        }

        var items = run.Warnings
            .Where(w => w.Code == "reference-unresolved")
            .Select(w =>
            {
                var bcpId = inputs.BcpIdOf(w.Type, w.PrimaryId);
                var copy = bcpId is null ? "no BCP copy" : "its BCP copy is not updated";
                return new ReadinessItem(w.Type, w.PrimaryId, bcpId, Name(inputs, w.Type, w.PrimaryId), w.Field, $"{w.Field} {w.MissingId} has no BCP copy: {copy}");
            })
            .ToList();
        return items.Count == 0
            ? ReadinessCheck.Of(Id, ReadinessStatus.Pass, "Every reference of the synced entities resolved in the last successful sync.", [])
            : ReadinessCheck.Of(Id, ReadinessStatus.Warn,
                $"{items.Count} unresolved {(items.Count == 1 ? "reference" : "references")} in the last successful sync: those entities are missing or outdated in the BCP tenant.", items);
    }

    private static string? Name(ReadinessInputs inputs, string type, string id) => type switch
    {
        EntityTypes.PointsOfContact => inputs.PrimaryContacts.Value?.Facts.GetValueOrDefault(id)?.Name,
        EntityTypes.Users => inputs.Users.Value?.Facts.GetValueOrDefault(id)?.Name,
        _ => null,
    };
}

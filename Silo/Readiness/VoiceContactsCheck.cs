using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>
/// <c>voice-points-of-contact</c>: active voice points of contact of the primary with no active BCP copy (never
/// synced, excluded by a custom sync, or left out for an unresolved reference) → fail, each listed: a call to
/// them finds no point of contact once the BCP side is active.
/// </summary>
public static class VoiceContactsCheck
{
    public static ReadinessCheck Build(ReadinessInputs inputs)
    {
        const string Id = ReadinessCheckIds.VoicePointsOfContact;
        if (inputs.PrimaryContacts.Value is not { } contacts || inputs.Correlations.Value is not { } correlations)
        {
            var copies = inputs.Correlations.Value?[EntityTypes.PointsOfContact].Values.Count(c => c.IsComplete);
            var known = copies is null ? "" : $" {copies} points of contact have a BCP copy.";
            return ReadinessCheck.Of(Id, ReadinessStatus.Warn,
                $"{inputs.PrimaryContacts.Failure ?? inputs.Correlations.Failure}: could not check that every active voice point of contact has a BCP copy.{known}", []);
        }

        var excluded = inputs.Sync.Value is { } sync && !sync.Settings.EntityTypes.Contains(EntityTypes.PointsOfContact);
        var unresolved = (inputs.LastSuccess?.Warnings ?? [])
            .Where(w => w.Type == EntityTypes.PointsOfContact && w.Code == "reference-unresolved")
            .GroupBy(w => w.PrimaryId)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var active = contacts.Facts.Where(f => f.Value.IsVoice && f.Value.IsActive).ToList();
        var missing = active
            .Where(f => !(correlations[EntityTypes.PointsOfContact].GetValueOrDefault(f.Key) is { IsComplete: true }))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => unresolved.TryGetValue(f.Key, out var warning)
                ? new ReadinessItem(EntityTypes.PointsOfContact, f.Key, null, f.Value.Name, warning.Field, $"left out: its {warning.Field} {warning.MissingId} has no BCP copy")
                : new ReadinessItem(EntityTypes.PointsOfContact, f.Key, null, f.Value.Name, null, excluded ? "excluded by the custom sync" : "never synced"))
            .ToList();
        var partial = contacts.Complete ? "" : " (some could not be read in time)";
        return missing.Count == 0
            ? ReadinessCheck.Of(Id, ReadinessStatus.Pass, $"All {active.Count} active voice points of contact have a BCP copy{partial}.", [])
            : ReadinessCheck.Of(Id, ReadinessStatus.Fail,
                $"{missing.Count} of {active.Count} active voice points of contact have no BCP copy: their calls find no point of contact on the BCP side{partial}.", missing);
    }
}

using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>
/// <c>drift</c>: primary entities of the synced types created, changed or deleted since the last successful sync,
/// per type — the primary's listing (ids and ETags) against the correlations, which keep the primary ETag each
/// entity was synced at. Entities a run leaves out on purpose (non-voice points of contact, unresolved
/// references, reported by their own checks) are not counted as created. Any drift → warn.
/// </summary>
public static class DriftCheck
{
    public static ReadinessCheck Build(ReadinessInputs inputs)
    {
        const string Id = ReadinessCheckIds.Drift;
        if (inputs.Primary.Value is not { } primary || inputs.Correlations.Value is not { } correlations || inputs.Sync.Value is not { } sync)
        {
            return ReadinessCheck.Of(Id, ReadinessStatus.Warn, $"{inputs.Primary.Failure ?? inputs.Correlations.Failure ?? inputs.Sync.Failure}: drift since the last sync is unknown.", []);
        }

        var leftOut = (inputs.LastSuccess?.Warnings ?? []).Where(w => w.Code == "reference-unresolved").Select(w => (w.Type, w.PrimaryId)).ToHashSet();
        var nonVoice = inputs.PrimaryContacts.Value?.Facts.Where(f => !f.Value.IsVoice).Select(f => f.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        var counts = new Dictionary<string, DriftCounts>(StringComparer.Ordinal);
        var items = new List<ReadinessItem>();
        foreach (var type in sync.Settings.EntityTypes)
        {
            var listed = primary[type];
            var synced = correlations[type];
            var (created, changed, deleted) = (0, 0, 0);
            foreach (var (id, etag) in listed)
            {
                if (!synced.TryGetValue(id, out var correlation) || !correlation.IsComplete)
                {
                    if (leftOut.Contains((type, id)) || (type == EntityTypes.PointsOfContact && nonVoice.Contains(id)))
                    {
                        continue;
                    }

                    created++;
                    items.Add(new ReadinessItem(type, id, null, Name(inputs, type, id), null, "created since the last sync"));
                }
                else if (correlation.PrimaryETag != etag)
                {
                    changed++;
                    items.Add(new ReadinessItem(type, id, correlation.BcpId, Name(inputs, type, id), null, "changed since the last sync"));
                }
            }

            foreach (var correlation in synced.Values.Where(c => !listed.ContainsKey(c.PrimaryId)))
            {
                deleted++;
                items.Add(new ReadinessItem(type, correlation.PrimaryId, correlation.BcpId, null, null, "deleted since the last sync"));
            }

            if (created + changed + deleted > 0)
            {
                counts[type] = new DriftCounts(created, changed, deleted);
            }
        }

        var total = counts.Values.Sum(c => c.Created + c.Changed + c.Deleted);
        var since = inputs.LastSuccess is null ? "with no sync yet" : "since the last successful sync";
        var summary = total == 0
            ? $"No primary entity of the {sync.Settings.EntityTypes.Count} synced types changed {since}."
            : $"{total} primary {(total == 1 ? "entity" : "entities")} changed {since} ({string.Join(", ", counts.Select(c => $"{c.Key}: {Describe(c.Value)}"))}); the next run copies them.";
        var check = ReadinessCheck.Of(Id, total == 0 ? ReadinessStatus.Pass : ReadinessStatus.Warn, summary, items);
        return check with { Counts = counts };
    }

    /// <summary>What <see cref="Build"/> reads (see <see cref="KeptChecks"/>).</summary>
    public static object?[] InputsOf(ReadinessInputs inputs) =>
    [
        inputs.Primary.Failure, inputs.Correlations.Failure, inputs.Sync.Failure,
        string.Join(',', inputs.Sync.Value?.Settings.EntityTypes ?? []), inputs.LastSuccess?.RunId,
        inputs.PrimaryContacts.Value, inputs.Users.Value,
        .. ReadinessInputs.PerType(inputs),
    ];

    private static string Describe(DriftCounts counts) =>
        string.Join(" ", new[] { (counts.Created, "created"), (counts.Changed, "changed"), (counts.Deleted, "deleted") }.Where(c => c.Item1 > 0).Select(c => $"{c.Item1} {c.Item2}"));

    private static string? Name(ReadinessInputs inputs, string type, string id) => type switch
    {
        EntityTypes.PointsOfContact => inputs.PrimaryContacts.Value?.Facts.GetValueOrDefault(id)?.Name,
        EntityTypes.Users => inputs.Users.Value?.Facts.GetValueOrDefault(id)?.Name,
        _ => null,
    };
}

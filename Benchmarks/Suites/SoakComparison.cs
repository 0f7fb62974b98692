using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// A BCP tenant against its primary after a clean sync, through the API: for each type the soak writes
/// (skills, users, voice points of contact), every primary entity has a correlation to a BCP id, the BCP
/// listing holds that entity, no two primaries share a copy, the BCP tenant has no other entity of the
/// type, and each copy's fields equal the primary's except <c>id</c> and the references, which must name
/// the BCP copies of what the primary references (through the correlations).
/// </summary>
internal sealed class SoakComparison(SoakReader reader)
{
    /// <summary>In reference order: a point of contact's skill must be mapped before the point of contact is compared.</summary>
    private static readonly string[] Types = ["skills", "users", "points-of-contact"];

    private static readonly Dictionary<string, string> References = new(StringComparer.Ordinal)
    {
        ["skillId"] = "skills",
        ["roleId"] = "roles",
        ["teamId"] = "teams",
        ["hoursOfOperationId"] = "hours-of-operation",
        ["scriptId"] = "scripts",
    };

    public async Task<SoakCheck> CompareAsync(SoakPair pair, CancellationToken cancellationToken)
    {
        var map = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var compared = 0;
        var problems = new List<string>();
        foreach (var type in Types)
        {
            var primary = await reader.ListAsync(pair.Pair.PrimaryTenantId, type, pair.AdminToken, cancellationToken);
            var bcp = (await reader.ListAsync(pair.Pair.BcpTenantId, type, pair.BcpReaderToken, cancellationToken))
                .ToDictionary(item => item.GetProperty("id").GetString()!, StringComparer.Ordinal);
            var copies = map[type] = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var item in primary)
            {
                var id = item.GetProperty("id").GetString()!;
                var correlation = await reader.SendAsync(HttpMethod.Get, $"/tenant-pairs/{pair.Pair.PairId}/correlations/{type}/{id}", pair.AdminToken, cancellationToken);
                var bcpId = correlation.IsSuccess && correlation.Json().TryGetProperty("bcpId", out var mapped) ? mapped.GetString() : null;
                if (bcpId is null || !bcp.TryGetValue(bcpId, out var copy))
                {
                    problems.Add($"{type}/{id}: no BCP copy (correlation {correlation.Status}, BCP id {bcpId ?? "none"})");
                    continue;
                }

                if (copies.ContainsValue(bcpId))
                {
                    problems.Add($"{type}/{id}: its copy {bcpId} is another primary's copy too");
                }

                copies[id] = bcpId;
                compared++;
                if (Difference(item, copy, map) is { } difference)
                {
                    problems.Add($"{type}/{id}: {difference}");
                }
            }

            var extra = bcp.Count - copies.Count;
            if (extra != 0)
            {
                problems.Add($"{type}: {bcp.Count} BCP entities for {primary.Count} primary ones");
            }
        }

        return new SoakCheck(
            $"Pair {pair.Index}: BCP tenant equals a clean sync of its primary (skills, users, voice points of contact)",
            problems.Count == 0,
            $"{compared} entities compared, {problems.Count} differences{(problems.Count > 0 ? $" (first: {problems[0]})" : "")}");
    }

    /// <summary>Null when the copy's fields equal the primary's (ids aside, references mapped); else the first field that differs.</summary>
    private static string? Difference(JsonElement primary, JsonElement copy, Dictionary<string, Dictionary<string, string>> map)
    {
        var expected = JsonNode.Parse(primary.GetRawText())!.AsObject();
        var actual = JsonNode.Parse(copy.GetRawText())!.AsObject();
        expected.Remove("id");
        actual.Remove("id");
        foreach (var (field, type) in References)
        {
            if (expected[field] is JsonValue value && value.GetValue<string>() is { } referenced)
            {
                expected[field] = map.TryGetValue(type, out var copies) && copies.TryGetValue(referenced, out var bcpId) ? bcpId : $"(no copy of {referenced})";
            }
        }

        foreach (var name in expected.Select(entry => entry.Key).Union(actual.Select(entry => entry.Key)))
        {
            if (!JsonNode.DeepEquals(expected[name], actual[name]))
            {
                return $"{name}: primary {expected[name]?.ToJsonString() ?? "absent"}, BCP {actual[name]?.ToJsonString() ?? "absent"}";
            }
        }

        return null;
    }
}

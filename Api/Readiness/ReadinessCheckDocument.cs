using System.Text.Json.Serialization;
using Orleans.Bcp.Silo.Readiness;

namespace Orleans.Bcp.Api.Readiness;

/// <summary>One check of a readiness report.</summary>
/// <param name="Id">Stable id: last-sync, drift, voice-points-of-contact, references, scripts, bcp-access or stores.</param>
/// <param name="Status">pass, warn or fail.</param>
/// <param name="Summary">What was found, or what could not be read.</param>
/// <param name="Items">The entities concerned (at most 100; the summary counts them all).</param>
public sealed record ReadinessCheckDocument(string Id, ReadinessStatus Status, string Summary, IReadOnlyList<ReadinessItem> Items)
{
    /// <summary>The drift check's counts per entity type (types without drift are left out).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, DriftCounts>? Counts { get; init; }

    public static ReadinessCheckDocument From(ReadinessCheck check) =>
        new(check.Id, check.Status, check.Summary, check.Items) { Counts = check.Counts };
}

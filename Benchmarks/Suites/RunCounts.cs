using System.Text.Json;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>A run report's counts for one type (or summed over types), read from its JSON.</summary>
internal sealed record RunCounts(int Created, int Updated, int Deleted, int Unchanged, int Skipped)
{
    public static RunCounts Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Writes the run made to the BCP tenant by its own account.</summary>
    public int Written => Created + Updated + Deleted;

    public static RunCounts From(JsonElement counts) => new(
        counts.GetProperty("created").GetInt32(),
        counts.GetProperty("updated").GetInt32(),
        counts.GetProperty("deleted").GetInt32(),
        counts.GetProperty("unchanged").GetInt32(),
        counts.GetProperty("skipped").GetInt32());

    public static RunCounts operator +(RunCounts a, RunCounts b) =>
        new(a.Created + b.Created, a.Updated + b.Updated, a.Deleted + b.Deleted, a.Unchanged + b.Unchanged, a.Skipped + b.Skipped);
}

using System.Globalization;
using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>Held deletes as the text details of audit entries and webhook events carry them (docs/sync.md, "Deletes need proof").</summary>
public static class HeldDeletesText
{
    /// <summary>Per type, how many deletes were held: <c>users:30,skills:5</c>.</summary>
    public static string Counts(IEnumerable<HeldDeletes> held) =>
        string.Join(",", held.Select(type => $"{type.Type}:{type.Count.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>Per type, why: <c>users:deletes-held,skills:primary-listing-empty</c>.</summary>
    public static string Reasons(IEnumerable<HeldDeletes> held) => string.Join(",", held.Select(type => $"{type.Type}:{type.Reason}"));

    /// <summary>Adds both to <paramref name="details"/> when anything was held.</summary>
    public static void AddTo(IDictionary<string, string> details, IReadOnlyCollection<HeldDeletes>? held)
    {
        if (held is { Count: > 0 })
        {
            details["heldDeletes"] = Counts(held);
            details["heldReasons"] = Reasons(held);
        }
    }
}

using Orleans.Bcp.Grains.Abstractions.Drills;

namespace Orleans.Bcp.Api.Drills;

/// <summary>A user, point of contact, readiness check or silo a drill step looked at.</summary>
/// <param name="Id">Its id (user id, point of contact id, check id, silo address).</param>
/// <param name="Name">Its name (username, point of contact name, silo name), when known.</param>
/// <param name="Outcome">What it would be after the switch, e.g. <c>denied</c>, <c>routed</c>, <c>poc-not-in-bcp</c>, <c>fail</c>, <c>answered</c>.</param>
/// <param name="Detail">Why, in words.</param>
public sealed record DrillItemDocument(string Id, string? Name, string Outcome, string? Detail)
{
    public static DrillItemDocument From(DrillItem item) => new(item.Id, item.Name, item.Outcome, item.Detail);
}

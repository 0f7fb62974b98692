namespace Orleans.Bcp.Grains.Abstractions.Drills;

/// <summary>One thing a drill step looked at: a user, a point of contact, a check, a silo.</summary>
/// <param name="Id">Its id (user id, point of contact id, check id, silo address).</param>
/// <param name="Name">Its name (username, point of contact name, silo name), when known.</param>
/// <param name="Outcome">What it would be after the switch, e.g. <c>direct</c>, <c>denied</c>, <c>routed</c>, <c>poc-not-in-bcp</c>, <c>answered</c>.</param>
/// <param name="Detail">Why, in words, when there is more to say.</param>
[GenerateSerializer, Immutable, Alias("bcp.DrillItem")]
public sealed record DrillItem(string Id, string? Name, string Outcome, string? Detail);

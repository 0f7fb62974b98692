using System.Text.Json.Nodes;
using Orleans.Bcp.Grains.Abstractions.Config;

namespace Orleans.Bcp.Silo.Config;

/// <summary>
/// A field whose value is unique across the platform — a user's username, a voice point of
/// contact's number — held through a claim in an index: claimed before the entity is written with
/// it, given back after the entity stops carrying it (<see cref="EntityWriter"/> does the steps).
/// </summary>
internal interface IUniqueField
{
    /// <summary>The value an entity (as validated or as stored) carries, or null when it carries none (a point of contact on another channel).</summary>
    string? ValueOf(JsonObject data);

    /// <summary>Whether two values, either of which may be null, are the same claim (so a change from one to the other needs none).</summary>
    bool AreSame(string? left, string? right);

    /// <summary>Claims the value for the entity; <see cref="IndexClaimOutcome.Taken"/> with no claim when another entity holds it.</summary>
    Task<(IndexClaimOutcome Outcome, HeldClaim? Claim)> ClaimAsync(string value, TenantLocation tenant, string entityId);

    /// <summary>The claim on the value if this entity holds it (a BCP copy's value is held by its primary, for instance).</summary>
    Task<HeldClaim?> FindOwnAsync(string value, TenantLocation tenant, string entityId);

    /// <summary>What a write comes to when another entity holds the value.</summary>
    EntityWriteOutcome Taken { get; }
}

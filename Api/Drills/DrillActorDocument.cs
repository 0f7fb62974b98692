using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Api.Drills;

/// <summary>Who ran a drill: a user of a tenant, or <c>schedule</c> of <c>system</c> for the weekly schedule.</summary>
/// <param name="UserId">The user's id.</param>
/// <param name="TenantId">The tenant they were signed in to.</param>
public sealed record DrillActorDocument(string UserId, string TenantId)
{
    public static DrillActorDocument From(Actor actor) => new(actor.UserId, actor.TenantId);
}

using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Grains.Abstractions.Config;

namespace Orleans.Bcp.Api.Config;

/// <summary>What a write did: the entity as written (null after a delete), or the problem that stopped it.</summary>
internal sealed record WriteOutcome(EntityDocument? Document, ProblemHttpResult? Problem, bool Created = false)
{
    public static WriteOutcome Failed(ProblemHttpResult problem) => new(null, problem);
}

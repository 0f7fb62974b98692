namespace Orleans.Bcp.Grains.Abstractions.Correlations;

/// <summary>
/// The mapping of one synced entity: its id in the primary tenant and in the BCP tenant. A
/// correlation without <see cref="ContentHash"/> is an intent: the BCP id is reserved and the BCP
/// entity may or may not exist yet (a run was interrupted); the next run completes it.
/// </summary>
/// <param name="PrimaryId">The entity's id in the primary tenant.</param>
/// <param name="BcpId">The id of its copy in the BCP tenant.</param>
/// <param name="PrimaryETag">The primary entity's version last synced.</param>
/// <param name="ContentHash">Hash of the BCP copy's content as last written; null while only intended.</param>
/// <param name="BcpETag">The BCP copy's version as last written (a different one means it was edited in the BCP tenant).</param>
[GenerateSerializer, Immutable, Alias("bcp.Correlation")]
public sealed record Correlation(string PrimaryId, string BcpId, string? PrimaryETag, string? ContentHash, string? BcpETag)
{
    /// <summary>Whether the BCP copy was written and recorded.</summary>
    public bool IsComplete => ContentHash is not null;
}

using System.Collections.Immutable;
using Orleans.Bcp.Grains.Abstractions.Correlations;
using Orleans.Bcp.Grains.Storage;

namespace Orleans.Bcp.Grains.Correlations;

/// <summary>Holds one bucket of a pair's correlations for one entity type.</summary>
public sealed class EntityGrain([PersistentState("correlations", StorageNames.Control)] IPersistentState<EntityState> correlations) : Grain, IEntityGrain
{
    public Task<ImmutableList<Correlation>> GetAllAsync() =>
        Task.FromResult<ImmutableList<Correlation>>([.. correlations.State.ByPrimaryId.Values]);

    public Task<CorrelationBucket> GetIfChangedAsync(string? knownVersion)
    {
        // The stored state's ETag: it changes with every write; a bucket never written has none, and no correlations.
        var version = correlations.Etag ?? string.Empty;
        return Task.FromResult(new CorrelationBucket(version, version == knownVersion ? null : [.. correlations.State.ByPrimaryId.Values]));
    }

    public async Task ApplyAsync(ImmutableList<Correlation> upserts, ImmutableList<string> removals)
    {
        foreach (var correlation in upserts)
        {
            correlations.State.ByPrimaryId[correlation.PrimaryId] = correlation;
        }

        foreach (var primaryId in removals)
        {
            correlations.State.ByPrimaryId.Remove(primaryId);
        }

        await SaveAsync();
    }

    /// <summary>
    /// Writes the state; when the write fails the in-memory state may be ahead of the store, so this
    /// activation goes and the next call starts from what is durable.
    /// </summary>
    private async Task SaveAsync()
    {
        try
        {
            await correlations.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}

using Orleans.Bcp.Grains.Abstractions.Correlations;
using Orleans.Bcp.Grains.Runtime;

namespace Orleans.Bcp.Grains.Correlations;

/// <summary>Holds one bucket of a pair's correlations for one entity type.</summary>
public sealed class EntityGrain([PersistentState("correlations", StorageNames.Control)] IPersistentState<EntityState> correlations) : IEntityGrain
{
    public Task<IReadOnlyList<Correlation>> GetAllAsync() =>
        Task.FromResult<IReadOnlyList<Correlation>>([.. correlations.State.ByPrimaryId.Values]);

    public async Task ApplyAsync(IReadOnlyList<Correlation> upserts, IReadOnlyList<string> removals)
    {
        foreach (var correlation in upserts)
        {
            correlations.State.ByPrimaryId[correlation.PrimaryId] = correlation;
        }

        foreach (var primaryId in removals)
        {
            correlations.State.ByPrimaryId.Remove(primaryId);
        }

        await correlations.WriteStateAsync();
    }
}

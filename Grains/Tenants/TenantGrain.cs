using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Storage;

namespace Orleans.Bcp.Grains.Tenants;

/// <summary>A tenant's identity and pair membership. Pair grains never call tenant grains, so the call below cannot deadlock.</summary>
public sealed class TenantGrain(
    [PersistentState("tenant", StorageNames.Control)] IPersistentState<TenantState> tenant,
    ITenantDirectory directory,
    TimeProvider timeProvider) : Grain, ITenantGrain
{
    /// <summary>A claim older than this whose pair was never created is abandoned.</summary>
    internal static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(2);

    private TenantState State => tenant.State;

    public async Task<bool> CreateAsync(string name, string region)
    {
        if (tenant.RecordExists)
        {
            return false;
        }

        State.Name = name;
        State.Region = region;
        State.CreatedAt = timeProvider.GetUtcNow();
        await SaveAsync();
        // After the state: an entry never names a tenant that does not exist. One lost here (the store failing
        // between the two writes) is written again when the node starts (Silo/Search/DirectoryBackfill.cs).
        await directory.AddTenantAsync(State.ToInfo(this.GetPrimaryKeyString()));
        return true;
    }

    public Task<TenantInfo?> GetAsync() => Task.FromResult(
        tenant.RecordExists
            ? State.ToInfo(this.GetPrimaryKeyString())
            : null);

    public async Task<ClaimOutcome> ClaimAsync(string pairId, PairRole role)
    {
        if (!tenant.RecordExists)
        {
            return ClaimOutcome.TenantNotFound;
        }

        if (State.PairId == pairId)
        {
            return ClaimOutcome.Claimed;
        }

        var now = timeProvider.GetUtcNow();
        if (State.PairId is { } current && (now - State.ClaimedAt < SetupTimeout || await PairExistsAsync(current)))
        {
            return ClaimOutcome.AlreadyPaired;
        }

        State.PairId = pairId;
        State.Role = role;
        State.ClaimedAt = now;
        await SaveAsync();
        return ClaimOutcome.Claimed;
    }

    public async Task ReleaseClaimAsync(string pairId)
    {
        if (State.PairId != pairId)
        {
            return;
        }

        State.PairId = null;
        State.Role = null;
        State.ClaimedAt = null;
        await SaveAsync();
    }

    private async Task<bool> PairExistsAsync(string pairId) =>
        await GrainFactory.GetGrain<ITenantPairGrain>(pairId).GetStatusAsync() is not null;

    /// <summary>
    /// Writes the state; when the write fails the in-memory state may be ahead of the store, so this
    /// activation goes and the next call starts from what is durable.
    /// </summary>
    private async Task SaveAsync()
    {
        try
        {
            await tenant.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}

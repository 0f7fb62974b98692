using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Config;

/// <summary>
/// Claims on values that are unique across the platform (usernames, voice numbers): one object per
/// value in the control store (values are platform-wide, not regional), naming the entity that
/// holds it. Every change is conditional, so of two writers claiming one value exactly one wins, and
/// a release never removes a claim someone renewed since. The indexes decide the keys, what a claim
/// stores and when its holder has let the value go; the claiming itself is here, once.
/// </summary>
internal sealed class UniqueValueClaims(IObjectStoreProvider stores, TimeProvider timeProvider)
{
    /// <summary>
    /// A claim younger than this is never taken over, even if its entity does not exist yet: its
    /// writer is between claiming and writing the entity. Longer than any store call can take.
    /// </summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    private const int MaxAttempts = 5;

    private IObjectStore Store => stores.Get(StorageNames.Control);

    /// <param name="key">The value's key in the control store.</param>
    /// <param name="create">The claim to store, given the time of the claim.</param>
    /// <param name="isMine">Whether a stored claim is the caller's entity's own (it is renewed, not taken over).</param>
    /// <param name="holderLetGoAsync">Whether the holder of another's claim no longer carries the value (gone, changed): such a claim, once old enough, is taken over.</param>
    /// <param name="what">The value, for the error when the claim keeps changing.</param>
    public async Task<ClaimAttempt<TState>> ClaimAsync<TState>(
        string key, Func<DateTimeOffset, TState> create, Func<TState, bool> isMine, Func<TState, Task<bool>> holderLetGoAsync, string what)
        where TState : class, IClaimState
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var state = create(timeProvider.GetUtcNow());
            var data = StateSerializer.Serialize(state);
            try
            {
                var current = await Store.ReadAsync(key);
                if (current is null)
                {
                    return new(IndexClaimOutcome.Created, state, await Store.CreateAsync(key, data));
                }

                var held = StateSerializer.Deserialize<TState>(current.Data);
                var mine = isMine(held);
                if (!mine && !await IsStaleAsync(held, holderLetGoAsync))
                {
                    return new(IndexClaimOutcome.Taken, null, null);
                }

                // Renewing changes the ETag, so a concurrent release of the old claim (a change away) fails.
                var etag = await Store.ReplaceAsync(key, data, current.ETag);
                return new(mine ? IndexClaimOutcome.Renewed : IndexClaimOutcome.Created, state, etag);
            }
            catch (StoreConflictException)
            {
                // Someone claimed, renewed or released it between our read and write: look again.
            }
        }

        throw new ConfigConflictException($"The claim on {what} kept changing; retry.");
    }

    /// <summary>Deletes the claim if its ETag is still <paramref name="etag"/>; false when it changed or is gone.</summary>
    public async Task<bool> ReleaseAsync(string key, string etag)
    {
        try
        {
            await Store.DeleteAsync(key, etag);
            return true;
        }
        catch (StoreConflictException)
        {
            return false;
        }
    }

    public async Task<(TState State, string ETag)?> FindAsync<TState>(string key)
        where TState : class, IClaimState
    {
        var stored = await Store.ReadAsync(key);
        return stored is null ? null : (StateSerializer.Deserialize<TState>(stored.Data), stored.ETag);
    }

    private async Task<bool> IsStaleAsync<TState>(TState held, Func<TState, Task<bool>> holderLetGoAsync)
        where TState : class, IClaimState =>
        timeProvider.GetUtcNow() - held.ClaimedAt >= StaleAfter && await holderLetGoAsync(held);
}

using Microsoft.Extensions.Caching.Memory;
using Orleans.Bcp.Grains.Abstractions.Config;

namespace Orleans.Bcp.Silo.Freshness;

/// <summary>
/// Entities of a watched type kept on this silo for as long as their tenant's <see cref="ChangeStamps">stamp</see>
/// is unchanged: a hot read costs a memory lookup, and a write anywhere shows within the stamp's bound.
/// </summary>
public sealed class StampedCache(IMemoryCache cache, ChangeStamps stamps)
{
    /// <summary>A kept entry is read again after this long even if its stamp never changed: a backstop for a write whose bump was lost.</summary>
    public static readonly TimeSpan KeepAtMost = TimeSpan.FromMinutes(5);

    private static readonly MemoryCacheEntryOptions KeepOptions = new() { AbsoluteExpirationRelativeToNow = KeepAtMost, Size = 1 };

    /// <summary>The value kept under <paramref name="key"/> if the tenant's stamp of <paramref name="type"/> is unchanged since it was loaded; otherwise loads it again.</summary>
    /// <exception cref="Storage.StoreUnavailableException">The tenant's regional store cannot be read.</exception>
    public async ValueTask<TValue?> GetAsync<TValue, TState>(
        object key, TenantLocation tenant, string type, TState state, Func<TState, Task<TValue?>> load) where TValue : class
    {
        // The stamp is read before the value, so a value loaded during a write is kept under the older stamp and dropped at the next reading.
        var stamp = await stamps.CurrentAsync(tenant, type);
        if (cache.TryGetValue(key, out Stamped<TValue>? kept) && kept!.Stamp == stamp)
        {
            return kept.Value;
        }

        var value = await load(state);
        cache.Set(key, new Stamped<TValue>(value, stamp), KeepOptions);
        return value;
    }

    private sealed record Stamped<TValue>(TValue? Value, string Stamp);
}

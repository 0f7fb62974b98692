using Orleans.Bcp.Silo.Caching;

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>
/// The last result of each costly check per pair, with the inputs it was built from. The kept listings,
/// correlations and facts come back as the same instances while nothing changed, so a check whose inputs are the
/// same instances (or equal values) would build the same result, and is not built again.
/// </summary>
/// <remarks>
/// Bounded (<see cref="BoundedMap{TKey, TValue}"/>): when it reaches its capacity what was not used lately is dropped, and made again.
/// The inputs that are objects (listings, correlations, sets of facts) are held weakly: a check must not keep alive what the
/// bounded maps dropped (<see cref="KeptFacts"/>, <see cref="KeptListings"/>, <see cref="KeptCorrelations"/>), or their bounds
/// would not bound the memory. An input collected since cannot be the instance asked with, so the check is built again.
/// </remarks>
public sealed class KeptChecks
{
    private const int Capacity = 100_000;

    // Equal to no input: what stands for an input the collector took.
    private static readonly object Collected = new();

    private readonly BoundedMap<(string PairId, string CheckId), (object?[] Inputs, object Result)> _kept = new(Capacity);

    /// <summary>The result built from <paramref name="inputs"/>: the kept one when it was built from equal inputs, else built now.</summary>
    /// <param name="pairId">The pair.</param>
    /// <param name="checkId">The check (a readiness check, or another costly figure such as a return's failback count).</param>
    /// <param name="inputs">Everything the check reads, each compared by its own equality (by reference, for dictionaries).</param>
    /// <param name="build">Builds the result from those inputs.</param>
    public T Get<T>(string pairId, string checkId, object?[] inputs, Func<T> build)
        where T : notnull
    {
        if (_kept.TryGetValue((pairId, checkId), out var kept) && SameInputs(kept.Inputs, inputs))
        {
            return (T)kept.Result;
        }

        var result = build();
        _kept.Set((pairId, checkId), (Array.ConvertAll(inputs, Held), result));
        return result;
    }

    private static object? Held(object? input) => input is null or string || input.GetType().IsValueType ? input : new WeakReference<object>(input);

    private static bool SameInputs(object?[] kept, object?[] inputs)
    {
        if (kept.Length != inputs.Length)
        {
            return false;
        }

        for (var i = 0; i < kept.Length; i++)
        {
            var held = kept[i] is WeakReference<object> weak ? (weak.TryGetTarget(out var target) ? target : Collected) : kept[i];
            if (!Equals(held, inputs[i]))
            {
                return false;
            }
        }

        return true;
    }
}

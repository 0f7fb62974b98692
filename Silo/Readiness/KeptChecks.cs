using Orleans.Bcp.Silo.Caching;

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>
/// The last result of each costly check per pair, with the inputs it was built from. The kept listings,
/// correlations and facts come back as the same instances while nothing changed, so a check whose inputs are the
/// same instances (or equal values) would build the same result, and is not built again.
/// </summary>
/// <remarks>Bounded (<see cref="BoundedMap{TKey, TValue}"/>): when it reaches its capacity what was not used lately is dropped, and made again.</remarks>
public sealed class KeptChecks
{
    private const int Capacity = 100_000;

    private readonly BoundedMap<(string PairId, string CheckId), (object?[] Inputs, ReadinessCheck Check)> _kept = new(Capacity);

    /// <summary>The check built from <paramref name="inputs"/>: the kept one when it was built from equal inputs, else built now.</summary>
    /// <param name="pairId">The pair.</param>
    /// <param name="checkId">The check.</param>
    /// <param name="inputs">Everything the check reads, each compared by its own equality (by reference, for dictionaries).</param>
    /// <param name="build">Builds the check from those inputs.</param>
    public ReadinessCheck Get(string pairId, string checkId, object?[] inputs, Func<ReadinessCheck> build)
    {
        if (_kept.TryGetValue((pairId, checkId), out var kept) && kept.Inputs.AsSpan().SequenceEqual(inputs))
        {
            return kept.Check;
        }

        var check = build();
        _kept.Set((pairId, checkId), (inputs, check));
        return check;
    }
}

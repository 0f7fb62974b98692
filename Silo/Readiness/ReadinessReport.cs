using Orleans.Bcp.Grains.Abstractions.Readiness;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>Whether a pair's BCP tenant would carry the calls now: a verdict and the checks it comes from.</summary>
/// <param name="Verdict">Any failing check: not ready; else any warning: degraded; else ready.</param>
/// <param name="CheckedAt">When the checks ran.</param>
/// <param name="Checks">Every check, in the order <see cref="ReadinessCheckIds"/> lists them.</param>
public sealed record ReadinessReport(ReadinessVerdict Verdict, DateTimeOffset CheckedAt, IReadOnlyList<ReadinessCheck> Checks)
{
    public static ReadinessReport Of(DateTimeOffset checkedAt, IReadOnlyList<ReadinessCheck> checks) => new(
        checks.Any(check => check.Status == ReadinessStatus.Fail) ? ReadinessVerdict.NotReady
            : checks.Any(check => check.Status == ReadinessStatus.Warn) ? ReadinessVerdict.Degraded
            : ReadinessVerdict.Ready,
        checkedAt,
        checks);

    /// <summary>The ids of the failing checks (empty unless not ready).</summary>
    public IReadOnlyList<string> FailingCheckIds => [.. Checks.Where(check => check.Status == ReadinessStatus.Fail).Select(check => check.Id)];

    /// <summary>Whether the primary region's store did not answer (the one thing the checks know of the primary side).</summary>
    public bool PrimaryStoreDown { get; init; }

    /// <summary>
    /// The failing checks about the side a switch to <paramref name="side"/> puts traffic on: every failing check for
    /// the BCP side (they are all about it); for a return to the primary only <c>stores</c>, when the primary's store is down.
    /// </summary>
    public IReadOnlyList<string> FailingCheckIdsFor(PairRole side) =>
        side == PairRole.Bcp ? FailingCheckIds : PrimaryStoreDown ? [ReadinessCheckIds.Stores] : [];
}

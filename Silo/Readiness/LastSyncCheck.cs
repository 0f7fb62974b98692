using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Sync;

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>
/// <c>last-sync</c>: never synced or last success older than 72 h → fail; older than 26 h (a daily run missed), the last
/// run failed, or the last successful run held deletes not yet released (docs/sync.md, "Deletes need proof") → warn.
/// </summary>
public static class LastSyncCheck
{
    public static readonly TimeSpan FailAfter = TimeSpan.FromHours(72);
    public static readonly TimeSpan WarnAfter = TimeSpan.FromHours(26);

    public static ReadinessCheck Build(ReadinessInputs inputs)
    {
        const string Id = ReadinessCheckIds.LastSync;
        if (inputs.Runs.Value is not { } runs)
        {
            return ReadinessCheck.Of(Id, ReadinessStatus.Fail, $"{inputs.Runs.Failure}: when the last sync ran is unknown.", []);
        }

        var success = inputs.LastSuccess;
        var lastFinished = runs.FirstOrDefault(run => run.Outcome is SyncOutcome.Succeeded or SyncOutcome.Failed);
        var failed = lastFinished is { Outcome: SyncOutcome.Failed } ? lastFinished : null;
        var failedItems = failed is null ? [] : new[] { new ReadinessItem(null, null, null, null, null, $"Run {failed.RunId} failed: {failed.Error}") };
        if (success is null)
        {
            return ReadinessCheck.Of(Id, ReadinessStatus.Fail, "Never synced: no sync run has succeeded, so the BCP tenant holds no copy of the primary's configuration.", failedItems);
        }

        var at = success.FinishedAt ?? success.StartedAt;
        var age = inputs.Now - at;
        var ago = $"The last successful sync finished {Hours(age)} ago ({at:u})";
        var item = new ReadinessItem(null, null, null, null, null, $"Run {success.RunId} succeeded at {at:O}");
        var held = success.Release is null ? success.HeldDeletes ?? [] : [];
        var heldItems = held.Select(type => new ReadinessItem(type.Type, null, null, null, null, Describe(type, success.RunId)));
        return age > FailAfter ? ReadinessCheck.Of(Id, ReadinessStatus.Fail, $"{ago}: more than {FailAfter.TotalHours:0} h.", [item, .. failedItems, .. heldItems])
            : failed is not null ? ReadinessCheck.Of(Id, ReadinessStatus.Warn, $"{ago}, but the newest run failed: {failed.Error}", [item, .. failedItems, .. heldItems])
            : held.Count > 0 ? ReadinessCheck.Of(Id, ReadinessStatus.Warn,
                $"{ago}, but it held {held.Sum(type => type.Count)} deletes ({HeldDeletesText.Reasons(held)}): the BCP tenant keeps copies the primary no longer shows.",
                [item, .. heldItems])
            : age > WarnAfter ? ReadinessCheck.Of(Id, ReadinessStatus.Warn, $"{ago}: more than {WarnAfter.TotalHours:0} h, a daily run was missed.", [item])
            : ReadinessCheck.Of(Id, ReadinessStatus.Pass, $"{ago}.", [item]);
    }

    private static string Describe(HeldDeletes held, string runId) => held.Reason == HeldDeletes.PrimaryListingEmpty
        ? $"primary-listing-empty: the primary showed no {held.Type} while the BCP tenant holds {held.Copies} copies: nothing deleted (check the primary region's store); run {runId}."
        : held.Reason == HeldDeletes.BcpChanged
        ? $"bcp-changed: {held.Count} {held.Type} copies changed in the BCP tenant since they were synced are gone from the primary: nothing deleted until an admin with bcp.sync.edit releases them; run {runId}."
        : $"deletes-held: {held.Count} of {held.Copies} {held.Type} deletes held, more than the delete guard allows: an admin with bcp.sync.edit releases them; run {runId}.";

    private static string Hours(TimeSpan age) => age < TimeSpan.FromHours(1) ? $"{Math.Max(0, (int)age.TotalMinutes)} min" : $"{age.TotalHours:0.#} h";
}

using System.Collections.Immutable;
using System.Text.Json;
using Orleans.Bcp.Grains.Abstractions.Readiness;
using Orleans.Bcp.Grains.Abstractions.Webhooks;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Grains.Webhooks;

namespace Orleans.Bcp.Grains.Readiness;

/// <summary>
/// Remembers a pair's latest readiness verdict. <see cref="RecordAsync"/> is where a change of verdict is
/// seen once for the whole cluster (each silo reports what it computed; this activation orders them). The
/// state is written only when the verdict changes, and a change writes its <c>readiness.changed</c> event
/// in the same write (an outbox handed to the pair's webhooks grain), so a report costs no write.
/// </summary>
public sealed class ReadinessGrain(
    [PersistentState("readiness", StorageNames.Control)] IPersistentState<ReadinessState> readiness,
    TimeProvider timeProvider) : Grain, IReadinessGrain
{
    private const string System = "system";

    private ReadinessState State => readiness.State;

    private string PairId => this.GetPrimaryKeyString();

    /// <summary>Events a previous activation committed but did not hand off go now.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        EventOutbox.HandOffAsync(GrainFactory, ServiceProvider, PairId, State.PendingEvents);

    public async Task<VerdictChange> RecordAsync(ReadinessVerdict verdict, DateTimeOffset checkedAt, long epoch, ImmutableList<string> notPassing)
    {
        if (State.Verdict is { } known && checkedAt < State.CheckedAt)
        {
            return new VerdictChange(known, State.CheckedAt, null);
        }

        var previous = State.Verdict;
        State.CheckedAt = checkedAt;
        if (previous == verdict)
        {
            // Same verdict: kept in memory only; a reactivation starts from the last change, which is all that matters.
            return new VerdictChange(verdict, checkedAt, null);
        }

        State.Verdict = verdict;
        if (previous is { } before)
        {
            State.EventSequence++;
            State.PendingEvents.Add(PairEvent.Create(
                "readiness", State.EventSequence, WebhookEventTypes.ReadinessChanged, timeProvider.GetUtcNow(), PairId, epoch, System, System,
                Name(verdict), ImmutableDictionary.CreateRange(new Dictionary<string, string>
                {
                    ["previous"] = Name(before),
                    ["verdict"] = Name(verdict),
                    ["checkedAt"] = checkedAt.ToString("O"),
                    ["notPassing"] = string.Join(",", notPassing),
                })));
        }

        await readiness.WriteStateAsync();
        await EventOutbox.HandOffAsync(GrainFactory, ServiceProvider, PairId, State.PendingEvents);
        return new VerdictChange(verdict, checkedAt, previous);
    }

    /// <summary>The verdict as the API spells its enums (kebab-case: <c>not-ready</c>).</summary>
    private static string Name(ReadinessVerdict verdict) => JsonNamingPolicy.KebabCaseLower.ConvertName(verdict.ToString());

    public Task<VerdictChange?> GetLatestAsync() =>
        Task.FromResult(State.Verdict is { } verdict ? new VerdictChange(verdict, State.CheckedAt, null) : (VerdictChange?)null);
}

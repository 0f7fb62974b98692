using System.Text.Json;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// What must hold after the soak, read through the API once the load has stopped: every acknowledged
/// configuration write is there with its last acknowledged content; every acknowledged switch is audited
/// and each pair's epoch equals its audited switches; every run answered 202 is in the pair's history.
/// Then each pair goes back to its primary, runs one final sync, and its BCP tenant is compared with it
/// (<see cref="SoakComparison"/>).
/// </summary>
internal sealed class SoakChecks(SoakReader reader, IReadOnlyList<SoakPair> pairs, string operatorToken)
{
    private const int AuditLimit = 500;
    private static readonly TimeSpan FinalSyncTimeout = TimeSpan.FromMinutes(5);

    public List<SoakCheck> Results { get; } = [];

    public Dictionary<string, int> RunOutcomes { get; } = new(StringComparer.Ordinal);

    public async Task RunAsync(SoakLedger ledger, CancellationToken cancellationToken)
    {
        await CheckWritesAsync(ledger, cancellationToken);
        await CheckSwitchesAsync(cancellationToken);
        await CheckRunsAsync(cancellationToken);
        await FinalSyncAsync(cancellationToken);
        var comparison = new SoakComparison(reader);
        foreach (var pair in pairs)
        {
            Results.Add(await comparison.CompareAsync(pair, cancellationToken));
        }
    }

    private async Task CheckWritesAsync(SoakLedger ledger, CancellationToken cancellationToken)
    {
        var entities = ledger.Entities;
        int last = 0, later = 0, missing = 0, wrong = 0;
        var firstProblem = "";
        await Parallel.ForEachAsync(entities, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (entity, token) =>
        {
            var answer = await reader.SendAsync(HttpMethod.Get, $"/tenants/{entity.Pair.Pair.PrimaryTenantId}/{entity.Type}/{entity.Id}", entity.Pair.AdminToken, token);
            string? problem = null;
            if (answer.Status == 404)
            {
                Interlocked.Increment(ref missing);
                problem = $"{entity.Type}/{entity.Id} missing";
            }
            else if (!answer.IsSuccess)
            {
                throw new InvalidOperationException($"Reading {entity.Type}/{entity.Id} answered {answer.Status}: {answer.Body}");
            }
            else
            {
                var body = answer.Json();
                var value = body.TryGetProperty(entity.Field, out var field) ? field.GetString() : null;
                var fixedHeld = entity.FixedFields.All(pair => body.TryGetProperty(pair.Key, out var kept) && kept.GetString() == pair.Value);
                if (fixedHeld && value == entity.Value)
                {
                    Interlocked.Increment(ref last);
                }
                else if (fixedHeld && value is not null && entity.PossibleValues.Contains(value))
                {
                    Interlocked.Increment(ref later);
                }
                else
                {
                    Interlocked.Increment(ref wrong);
                    problem = $"{entity.Type}/{entity.Id}: {entity.Field} '{value}', acknowledged '{entity.Value}'";
                }
            }

            if (problem is not null)
            {
                Interlocked.CompareExchange(ref firstProblem, problem, "");
            }
        });
        Results.Add(new SoakCheck(
            "Every acknowledged configuration write present with its last acknowledged content",
            missing == 0 && wrong == 0,
            $"{entities.Count} entities ({entities.Sum(entity => entity.Edits)} acknowledged edits): {last} as last acknowledged, " +
            $"{later} with a later write of unknown outcome, {missing} missing, {wrong} different{(firstProblem.Length > 0 ? $" (first: {firstProblem})" : "")}"));
    }

    private async Task CheckSwitchesAsync(CancellationToken cancellationToken)
    {
        int acknowledged = 0, audited = 0, missingFromAudit = 0, epochMismatches = 0;
        var details = new List<string>();
        foreach (var pair in pairs)
        {
            var audit = await reader.GetAsync($"/tenant-pairs/{pair.Pair.PairId}/audit?limit={AuditLimit}", operatorToken, cancellationToken);
            if (audit.GetArrayLength() == AuditLimit)
            {
                // The audit answers the newest 500 entries at most: older switches would look missing (a run of an hour or more).
                throw new InvalidOperationException($"Pair {pair.Index} has {AuditLimit} or more audit entries; the soak cannot read them all.");
            }

            var epochs = audit.EnumerateArray()
                .Where(entry => entry.GetProperty("action").GetString() == "switch" && entry.GetProperty("outcome").GetString() == "switched")
                .Select(entry => entry.GetProperty("details").GetProperty("epoch").GetInt64())
                .ToList();
            var status = await reader.GetAsync($"/tenant-pairs/{pair.Pair.PairId}", operatorToken, cancellationToken);
            var epoch = status.GetProperty("epoch").GetInt64();
            var missing = pair.AcknowledgedEpochs.Count(acked => !epochs.Contains(acked));
            var distinctOneToN = epochs.Order().SequenceEqual(Enumerable.Range(1, epochs.Count).Select(n => (long)n));
            acknowledged += pair.AcknowledgedEpochs.Count;
            audited += epochs.Count;
            missingFromAudit += missing;
            if (epoch != epochs.Count || !distinctOneToN)
            {
                epochMismatches++;
                details.Add($"pair {pair.Index}: epoch {epoch}, {epochs.Count} audited switches{(distinctOneToN ? "" : " (not 1..n once each)")}");
            }
        }

        Results.Add(new SoakCheck(
            "An audit entry for every acknowledged switch",
            missingFromAudit == 0,
            $"{acknowledged} switches answered 200 switched, {audited} audited, {missingFromAudit} acknowledged epochs not in the audit"));
        Results.Add(new SoakCheck(
            "Each pair's epoch = its audited switches (epochs 1..n once each)",
            epochMismatches == 0,
            epochMismatches == 0 ? $"{pairs.Count} of {pairs.Count} pairs" : string.Join("; ", details)));
    }

    /// <summary>Each run answered 202 read by its id (a listing holds only the newest 50), its outcome tallied.</summary>
    private async Task CheckRunsAsync(CancellationToken cancellationToken)
    {
        int started = 0, missing = 0;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            foreach (var runId in pair.StartedRuns)
            {
                started++;
                var answer = await reader.SendAsync(HttpMethod.Get, $"/tenant-pairs/{pair.Pair.PairId}/sync/runs/{runId}", operatorToken, cancellationToken);
                if (!answer.IsSuccess)
                {
                    missing++;
                    continue;
                }

                var run = answer.Json();
                var outcome = run.GetProperty("outcome").GetString()!;
                var key = Reason(run) is { } reason ? $"{outcome} ({reason})" : outcome;
                RunOutcomes[key] = RunOutcomes.GetValueOrDefault(key) + 1;
                if (run.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
                {
                    errors.TryAdd(key, error.GetString()!);
                }
            }
        }

        Results.Add(new SoakCheck(
            "Every sync run answered 202 is in its pair's run history",
            missing == 0,
            $"{started} runs answered 202 (the seeding's first runs included), {missing} not found; outcomes: " +
            string.Join(", ", RunOutcomes.OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry => $"{entry.Value} {entry.Key}")) +
            string.Concat(errors.Select(entry => $"; first {entry.Key}: {Shorten(entry.Value.ReplaceLineEndings(" "))}"))));
    }

    /// <summary>Each pair back on its primary, then one sync run per pair, waited for (started again if it does not succeed).</summary>
    private async Task FinalSyncAsync(CancellationToken cancellationToken)
    {
        var outcomes = await Task.WhenAll(pairs.Select(pair => FinalSyncAsync(pair, cancellationToken)));
        var failed = outcomes.Count(outcome => outcome != "succeeded");
        Results.Add(new SoakCheck(
            "After the load: each pair switched to its primary and one final sync run succeeded",
            failed == 0,
            $"{pairs.Count - failed} of {pairs.Count} pairs" + (failed > 0 ? ": " + string.Join(", ", outcomes) : "")));
    }

    private async Task<string> FinalSyncAsync(SoakPair pair, CancellationToken cancellationToken)
    {
        var switched = await reader.SendAsync(HttpMethod.Put, $"/tenant-pairs/{pair.Pair.PairId}/active-side", pair.AdminToken, cancellationToken,
            new { side = "primary", passkey = pair.Pair.Passkey });
        if (!switched.IsSuccess)
        {
            return $"switch to primary answered {switched.Status}";
        }

        var started = DateTime.UtcNow;
        var outcome = "not started";
        while (DateTime.UtcNow - started < FinalSyncTimeout)
        {
            var answer = await reader.SendAsync(HttpMethod.Post, $"/tenant-pairs/{pair.Pair.PairId}/sync/runs", pair.AdminToken, cancellationToken);
            if (answer.Status == 409)
            {
                // A run of the load (or one a killed node left) is under way: wait for it, then start ours.
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                continue;
            }

            if (!answer.IsSuccess)
            {
                return $"run now answered {answer.Status}";
            }

            var runId = answer.Json().GetProperty("runId").GetString()!;
            outcome = await WaitForRunAsync(pair, runId, started, cancellationToken);
            if (outcome == "succeeded")
            {
                return outcome;
            }

            Log.Info($"soak: final sync of pair {pair.Index} ended {outcome}; starting it again");
        }

        return $"pair {pair.Index}: {outcome}";
    }

    private async Task<string> WaitForRunAsync(SoakPair pair, string runId, DateTime started, CancellationToken cancellationToken)
    {
        while (DateTime.UtcNow - started < FinalSyncTimeout)
        {
            await Task.Delay(500, cancellationToken);
            var run = await reader.GetAsync($"/tenant-pairs/{pair.Pair.PairId}/sync/runs/{runId}", operatorToken, cancellationToken);
            var outcome = run.GetProperty("outcome").GetString()!;
            if (outcome != "running")
            {
                return Reason(run) is { } reason ? $"{outcome} ({reason})" : outcome;
            }
        }

        return "still running";
    }

    // The store client's errors repeat the cause per retry: the first sentence or so tells what failed.
    private static string Shorten(string error) => error.Length > 160 ? error[..160] + "…" : error;

    // A skipped run says why (skipReason); a cancelled one may too (the fence's reason), whichever property carries it.
    private static string? Reason(JsonElement run)
    {
        foreach (var property in (string[])["skipReason", "cancelReason", "reason"])
        {
            if (run.TryGetProperty(property, out var reason) && reason.ValueKind == JsonValueKind.String)
            {
                return reason.GetString();
            }
        }

        return null;
    }
}

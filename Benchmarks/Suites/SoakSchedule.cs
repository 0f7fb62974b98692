namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// The timed part of the load, per pair and staggered over the pairs: a sync "run now" every
/// <see cref="SoakSettings.SyncEvery"/>, and every <see cref="SoakSettings.SwitchEvery"/> a switch to the
/// BCP side and, after <see cref="SoakSettings.BcpHold"/>, back to the primary (retried until it answers
/// 200, so a pair is not left on its BCP side by a fault). Each 200 <c>switched</c> records its epoch.
/// </summary>
internal sealed class SoakSchedule(SoakCaller caller, IReadOnlyList<SoakPair> pairs, SoakSettings settings)
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    public Task RunAsync(SoakClock clock, CancellationToken cancellationToken) =>
        Task.WhenAll(pairs.SelectMany(pair => new[] { SyncLoopAsync(pair, clock, cancellationToken), SwitchLoopAsync(pair, clock, cancellationToken) }));

    private async Task SyncLoopAsync(SoakPair pair, SoakClock clock, CancellationToken cancellationToken)
    {
        for (var at = Offset(pair, settings.SyncEvery); await clock.DelayUntilAsync(at, cancellationToken); at += settings.SyncEvery)
        {
            var answer = await caller.SendAsync(SoakKinds.SyncRun, HttpMethod.Post, $"/tenant-pairs/{pair.Pair.PairId}/sync/runs", pair.AdminToken, cancellationToken);
            if (answer.IsSuccess)
            {
                lock (pair.StartedRuns)
                {
                    pair.StartedRuns.Add(answer.Json().GetProperty("runId").GetString()!);
                }
            }
        }
    }

    private async Task SwitchLoopAsync(SoakPair pair, SoakClock clock, CancellationToken cancellationToken)
    {
        for (var at = Offset(pair, settings.SwitchEvery); await clock.DelayUntilAsync(at, cancellationToken); at += settings.SwitchEvery)
        {
            if (await SwitchAsync(pair, "bcp", cancellationToken))
            {
                await Task.Delay(settings.BcpHold, cancellationToken);
            }

            // Back to the primary even when the switch to BCP failed: it may have been written all the same.
            while (!await SwitchAsync(pair, "primary", cancellationToken) && clock.Running)
            {
                await Task.Delay(RetryAfter, cancellationToken);
            }
        }
    }

    /// <summary>One switch; true on a 200 (switched or already active).</summary>
    public async Task<bool> SwitchAsync(SoakPair pair, string side, CancellationToken cancellationToken)
    {
        var answer = await caller.SendAsync(
            SoakKinds.Switch, HttpMethod.Put, $"/tenant-pairs/{pair.Pair.PairId}/active-side", pair.AdminToken, cancellationToken,
            new { side, passkey = pair.Pair.Passkey });
        if (!answer.IsSuccess)
        {
            return false;
        }

        var body = answer.Json();
        if (body.GetProperty("outcome").GetString() == "switched")
        {
            lock (pair.AcknowledgedEpochs)
            {
                pair.AcknowledgedEpochs.Add(body.GetProperty("epoch").GetInt64());
            }
        }

        return true;
    }

    // Pairs start their cycles spread over the period, so the switches and runs do not all come at once.
    private TimeSpan Offset(SoakPair pair, TimeSpan period) => period * (pair.Index + 1) / (pairs.Count + 1);
}

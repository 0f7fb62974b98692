namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// The faults, on the load's time line: every <see cref="SoakSettings.KillEvery"/> one node (in turn) gets
/// <c>kill -9</c> and is started again <see cref="SoakSettings.DownFor"/> later; once, a region's store is
/// stopped for <see cref="SoakSettings.CutFor"/>. What happened when is kept for the report.
/// </summary>
internal sealed class SoakFaults(SoakCluster cluster, SoakSettings settings)
{
    private const int RestartAttempts = 3;
    private readonly List<string> _timeline = [];

    public IReadOnlyList<string> Timeline
    {
        get
        {
            lock (_timeline)
            {
                return [.. _timeline];
            }
        }
    }

    public int Kills { get; private set; }

    public Task RunAsync(SoakClock clock, CancellationToken cancellationToken) =>
        Task.WhenAll(KillNodesAsync(clock, cancellationToken), CutStoreAsync(clock, cancellationToken));

    private async Task KillNodesAsync(SoakClock clock, CancellationToken cancellationToken)
    {
        var turn = 0;
        foreach (var at in settings.KillTimes())
        {
            if (!await clock.DelayUntilAsync(at, cancellationToken))
            {
                return;
            }

            var node = cluster.Nodes[turn++ % cluster.Nodes.Count];
            var pid = node.Server?.ProcessId;
            await cluster.KillNodeAsync(node);
            Kills++;
            Note(clock, $"kill -9 {node.Name} (pid {pid})");
            await Task.Delay(settings.DownFor, cancellationToken);
            await RestartAsync(node, clock, cancellationToken);
        }
    }

    private async Task RestartAsync(SoakNode node, SoakClock clock, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Note(clock, $"starting {node.Name} again");
                await cluster.StartNodeAsync(node, cancellationToken);
                Note(clock, $"{node.Name} healthy again (pid {node.Server?.ProcessId})");
                return;
            }
            catch (Exception ex) when (attempt < RestartAttempts && ex is InvalidOperationException or TimeoutException)
            {
                // A port still held by the killed process's socket, say: try again.
                Note(clock, $"{node.Name} did not start ({ex.Message.Split('\n')[0]}); trying again");
                await cluster.KillNodeAsync(node);
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            }
        }
    }

    private async Task CutStoreAsync(SoakClock clock, CancellationToken cancellationToken)
    {
        if (!await clock.DelayUntilAsync(settings.CutAt, cancellationToken))
        {
            return;
        }

        await cluster.CutStoreAsync(settings.CutRegion, cancellationToken);
        Note(clock, $"{settings.CutRegion} store stopped");
        await Task.Delay(settings.CutFor, cancellationToken);
        await cluster.StartStoreAsync(settings.CutRegion, cancellationToken);
        Note(clock, $"{settings.CutRegion} store started again");
    }

    private void Note(SoakClock clock, string what)
    {
        var line = $"{clock.Elapsed.TotalSeconds:0.0} s: {what}";
        Log.Info($"soak: {line}");
        lock (_timeline)
        {
            _timeline.Add(line);
        }
    }
}

using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Benchmarks.Measurement;
using Orleans.Bcp.Benchmarks.Suites;

namespace Orleans.Bcp.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Benchmarks -- [all|http|switch|storage|sync|hotpaths|propagation|readiness|soak|cluster-tls|scale [embedded|cluster]] [--quick] [--pin] [--baseline-api FOLDER] [--minutes N]</c>: runs the
/// chosen suites in one process and prints one Markdown report on stdout (progress goes to stderr).
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (!BenchmarkOptions.TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(BenchmarkOptions.Usage);
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // Let the run unwind through its finally blocks, so every process it started is stopped.
            e.Cancel = true;
            cancellation.Cancel();
        };

        if (options.PinCores && OperatingSystem.IsLinux())
        {
            // The harness generates the load: core 1; every Api host is started on core 0 (taskset).
            System.Diagnostics.Process.GetCurrentProcess().ProcessorAffinity = 0b10;
        }

        var report = new Report(options);
        var failed = false;
        try
        {
            await using var environment = new BenchmarkEnvironment(options.PinCores);
            (Suite Suite, Func<Task> Run)[] suites =
            [
                (Suite.Http, () => HttpReadSuite.RunAsync(environment, options, report, cancellation.Token)),
                (Suite.Switch, () => SwitchLatencySuite.RunAsync(environment, options, report, cancellation.Token)),
                (Suite.Storage, () => StorageSuite.RunAsync(environment, options, report, cancellation.Token)),
                (Suite.Sync, () => SyncSuite.RunAsync(environment, options, report, cancellation.Token)),
                (Suite.HotPaths, () => HotPathSuite.RunAsync(environment, options, report, cancellation.Token)),
                (Suite.Propagation, () => SwitchPropagationSuite.RunAsync(environment, options, report, cancellation.Token)),
                (Suite.Effective, () => SwitchEffectSuite.RunAsync(options, report, cancellation.Token)),
                (Suite.Readiness, () => ReadinessSuite.RunAsync(environment, options, report, cancellation.Token)),
                (Suite.Soak, () => SoakSuite.RunAsync(environment, options, report, cancellation.Token)),
                (Suite.ClusterTls, () => ClusterTlsSuite.RunAsync(environment, options, report, cancellation.Token)),
                (Suite.ScaleEmbedded, () => ScaleEmbeddedSuite.RunAsync(environment, options, report, cancellation.Token)),
                (Suite.ScaleCluster, () => ScaleClusterSuite.RunAsync(environment, options, report, cancellation.Token)),
            ];
            foreach (var (suite, run) in suites.Where(entry => options.Includes(entry.Suite)))
            {
                try
                {
                    await run();
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellation.IsCancellationRequested)
                {
                    // One failing suite must not throw away the others' figures: report it and go on.
                    Log.Info($"{suite} suite FAILED: {ex}");
                    report.AddFailure(suite.ToString(), ex);
                    failed = true;
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Log.Info("cancelled; everything started was stopped");
            return 130;
        }

        Console.Out.Write(report.ToMarkdown());
        return failed ? 1 : 0;
    }
}

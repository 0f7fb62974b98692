using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Benchmarks.Measurement;
using Orleans.Bcp.Benchmarks.Suites;

namespace Orleans.Bcp.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Benchmarks -- [all|http|switch|storage|sync] [--quick] [--baseline-api FOLDER]</c>: runs the
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

        var report = new Report(options);
        try
        {
            await using var environment = new BenchmarkEnvironment();
            if (options.Includes(Suite.Http))
            {
                await HttpReadSuite.RunAsync(environment, options, report, cancellation.Token);
            }

            if (options.Includes(Suite.Switch))
            {
                await SwitchLatencySuite.RunAsync(environment, options, report, cancellation.Token);
            }

            if (options.Includes(Suite.Storage))
            {
                await StorageSuite.RunAsync(environment, options, report, cancellation.Token);
            }

            if (options.Includes(Suite.Sync))
            {
                await SyncSuite.RunAsync(environment, options, report, cancellation.Token);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Log.Info("cancelled; everything started was stopped");
            return 130;
        }

        Console.Out.Write(report.ToMarkdown());
        return 0;
    }
}

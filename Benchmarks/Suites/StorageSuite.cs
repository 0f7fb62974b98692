using System.Security.Cryptography;
using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Benchmarks.Measurement;
using Orleans.Bcp.Silo.Storage.Blob;
using Orleans.Bcp.Silo.Storage.Sqlite;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// Raw throughput of the two storage providers through <c>IObjectStore</c>, in the harness process,
/// without the grain runtime or HTTP: the floor that later sync figures can be read against.
/// </summary>
internal static class StorageSuite
{
    public static async Task RunAsync(BenchmarkEnvironment environment, BenchmarkOptions options, Report report, CancellationToken cancellationToken)
    {
        Log.Info("storage: preparing SQLite and Azurite stores");
        var payload = RandomNumberGenerator.GetBytes(options.PayloadBytes);
        var azurite = await environment.GetAzuriteAsync(cancellationToken);
        StoreFixture[] fixtures =
        [
            new(StoreKind.Sqlite, new SqliteObjectStore(new SqliteStoreOptions { Path = environment.Temp.File("storage.db") }), payload, options.StorageWriters),
            new(StoreKind.Azurite, new BlobObjectStore(new BlobStoreOptions { ConnectionString = azurite.ConnectionString, ContainerName = "bcp-benchmark-storage" }), payload, options.StorageWriters),
        ];
        foreach (var fixture in fixtures)
        {
            await fixture.PrepareAsync(cancellationToken);
        }

        StorageOperation[] operations =
        [
            new("Replace If-Match, sequential (1 key)", 1, (fixture, _, token) => fixture.ReplaceSequentialAsync(token)),
            new($"Replace If-Match, {options.StorageWriters} writers (distinct keys)", options.StorageWriters, (fixture, worker, token) => fixture.ReplaceAsWriterAsync(worker, token)),
            new("Create If-None-Match, sequential (new keys)", 1, (fixture, _, token) => fixture.CreateAsync(token)),
            new("Get, sequential", 1, (fixture, _, token) => fixture.ReadAsync(token)),
            new($"Get, {options.StorageWriters} readers", options.StorageWriters, (fixture, _, token) => fixture.ReadAsync(token)),
        ];

        foreach (var operation in operations)
        {
            foreach (var fixture in fixtures)
            {
                await RunAsync(operation, fixture, options.StorageWarmup, cancellationToken);
            }
        }

        var results = operations.ToDictionary(operation => operation, _ => fixtures.ToDictionary(fixture => fixture, _ => new List<LoadResult>()));
        for (var round = 0; round < options.StorageRounds; round++)
        {
            for (var index = 0; index < operations.Length; index++)
            {
                var operation = operations[index];
                // Alternate which store goes first, so a slow moment of the machine does not fall on one store only.
                foreach (var fixture in (round + index) % 2 == 0 ? fixtures : fixtures.Reverse())
                {
                    var result = await RunAsync(operation, fixture, options.StorageRoundDuration, cancellationToken);
                    results[operation][fixture].Add(result);
                }
            }

            Log.Info($"storage: round {round + 1}/{options.StorageRounds} done");
        }

        report.Add(BuildSection(options, azurite, operations, fixtures, results));
    }

    private static Task<LoadResult> RunAsync(StorageOperation operation, StoreFixture fixture, TimeSpan duration, CancellationToken cancellationToken) =>
        ClosedLoop.RunAsync(operation.Workers, duration, (worker, token) => operation.Run(fixture, worker, token), cancellationToken);

    private static ReportSection BuildSection(
        BenchmarkOptions options,
        AzuriteServer azurite,
        StorageOperation[] operations,
        StoreFixture[] fixtures,
        Dictionary<StorageOperation, Dictionary<StoreFixture, List<LoadResult>>> results)
    {
        var headers = new List<string> { "Operation (~1 KB objects)" };
        headers.AddRange(fixtures.Select(fixture => $"{fixture.Name} ops/s"));
        headers.AddRange(fixtures.Select(fixture => $"{fixture.Name} p50 / p99 ms"));
        headers.Add("Errors");
        var table = new MarkdownTable([.. headers]);
        var notes = new List<string>();
        foreach (var operation in operations)
        {
            var cells = new List<string> { operation.Name };
            cells.AddRange(fixtures.Select(fixture => Format.Rate(SampleStatistics.Median(results[operation][fixture].Select(run => run.PerSecond)))));
            cells.AddRange(fixtures.Select(fixture =>
            {
                var latencies = results[operation][fixture].SelectMany(run => run.LatenciesMs).ToArray();
                return $"{Format.Ms(SampleStatistics.Median(latencies))} / {Format.Ms(SampleStatistics.Percentile(latencies, 99))}";
            }));
            cells.Add(Format.Count(results[operation].Values.Sum(runs => runs.Sum(run => run.Errors))));
            table.AddRow([.. cells]);
            foreach (var fixture in fixtures)
            {
                if (results[operation][fixture].FirstOrDefault(run => run.FirstError is not null) is { } failed)
                {
                    notes.Add($"{operation.Name} on {fixture.Name} failed, first: {failed.FirstError}");
                }
            }
        }

        notes.Add("ops/s is the median over rounds of (successful operations ÷ wall time); latency percentiles pool every operation of every round.");
        notes.Add("SQLite: WAL, synchronous=FULL (the product's settings), a file in the system temp folder; each write is its own transaction.");
        notes.Add($"Azurite: in-memory, one Node.js process (pid {azurite.ProcessId}) on the same machine, over loopback HTTP via the product's Blob REST client.");
        var method =
            $"`IObjectStore` called directly in the harness process (no grain runtime, no HTTP API). {options.PayloadBytes:N0}-byte random payload. " +
            $"{options.StorageRounds} rounds × {Format.Seconds(options.StorageRoundDuration)} per operation and store; within a round each operation runs on both stores " +
            $"back to back, the first store alternating; {Format.Seconds(options.StorageWarmup)} warm-up per operation and store first.";
        return new ReportSection("Raw storage provider throughput", method, table, notes);
    }
}

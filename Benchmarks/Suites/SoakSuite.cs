using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Benchmarks.Measurement;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// The soak: a loopback cluster (<see cref="SoakCluster"/>) under a steady mix (<see cref="SoakMix"/>,
/// <see cref="SoakSchedule"/>) for <c>--minutes</c> while nodes are killed and a region's store is cut
/// (<see cref="SoakFaults"/>); then the end checks (<see cref="SoakChecks"/>). The suite fails when a
/// request got a 500 or an end check does not hold. Everything it started is stopped, also on failure or Ctrl+C.
/// </summary>
internal static class SoakSuite
{
    public static async Task RunAsync(BenchmarkEnvironment environment, BenchmarkOptions options, Report report, CancellationToken cancellationToken)
    {
        var settings = new SoakSettings(TimeSpan.FromMinutes(options.SoakMinutes), options.SoakFastMembership);
        var membership = settings.FastMembership ? "the tests' fast failure detection (--fast-membership)" : "the product's defaults";
        Log.Info($"soak: starting the cluster (membership: {membership})");
        await using var cluster = await SoakCluster.StartAsync(environment, settings, cancellationToken);
        var (pairs, seeded) = await new SoakSeeder(environment, settings, cluster.Nodes[0].Server!.BaseAddress).SeedAsync(cancellationToken);

        var operatorToken = environment.Token("operator-1", "ops", Permissions.Setup);
        var caller = new SoakCaller(cluster, settings.InFlight);
        var ledger = new SoakLedger(seeded);
        var faults = new SoakFaults(cluster, settings);
        Log.Info($"soak: load for {settings.Duration.TotalMinutes:0.#} min, faults as scheduled");
        var clock = new SoakClock(settings.Duration);
        await Task.WhenAll(
            new SoakMix(caller, pairs, ledger, environment.Token("login-service", "ops", Permissions.LoginRead), operatorToken)
                .RunAsync(settings.MixWorkers, clock, cancellationToken),
            new SoakSchedule(caller, pairs, settings).RunAsync(clock, cancellationToken),
            faults.RunAsync(clock, cancellationToken));
        var endedAt = DateTimeOffset.UtcNow;
        foreach (var stats in caller.Stats)
        {
            stats.Finish(endedAt);
            Log.Info($"soak: {stats.Kind}: {stats.Requests} requests, {stats.Succeeded} 2xx, {stats.Count(500)} × 500, {stats.NodeDown} node down, " +
                $"longest unavailable {stats.LongestWindow.TotalSeconds:0.0} s");
        }

        report.Add(SoakReport.Requests(settings, caller.Stats, faults, membership, clock.StartedAt));
        Log.Info("soak: load over; end checks");
        var checks = new SoakChecks(new SoakReader(cluster), pairs, operatorToken);
        await checks.RunAsync(ledger, cancellationToken);
        foreach (var check in checks.Results)
        {
            Log.Info($"soak: {(check.Passed ? "pass" : "FAIL")}: {check.Name}: {check.Figures}");
        }

        report.Add(SoakReport.Checks(checks.Results));
        var serverErrors = caller.Stats.Sum(stats => stats.Count(500));
        var failed = checks.Results.Count(check => !check.Passed);
        if (serverErrors > 0 || failed > 0)
        {
            throw new InvalidOperationException($"The soak found {serverErrors} × 500 and {failed} failed end checks (see its sections).");
        }
    }
}

using System.Diagnostics;
using System.Net;

namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>
/// The real Api as a separate process (<c>dotnet Orleans.Bcp.Api.dll</c>) in the Production
/// environment, so the load generator does not share the host's process, GC or thread pool.
/// </summary>
internal sealed class ApiServer : IAsyncDisposable
{
    private const int StartAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;

    private ApiServer(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time the host has used so far, for CPU cost per request (steadier than throughput on a shared machine).</summary>
    public TimeSpan TotalProcessorTime => _process.TotalProcessorTime;

    public string Output => _process.Output;

    /// <summary>
    /// Starts the host and waits until <c>/alive</c> answers. Configuration goes in as environment
    /// variables (e.g. <c>Storage__Default__Provider</c>), which keeps the signing key off the command line.
    /// </summary>
    /// <param name="name">For logs.</param>
    /// <param name="settings">Environment variables for the host.</param>
    /// <param name="apiFolder">Another build of the Api to run (a baseline to compare with); null for the one built with the harness.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <param name="pinned">Whether the host runs on core 0 only (the harness keeps core 1 for the load it generates).</param>
    /// <param name="httpPort">A fixed HTTP port (a node restarted where it was); a free one when null.</param>
    public static async Task<ApiServer> StartAsync(
        string name, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken, string? apiFolder = null, bool pinned = false,
        int? httpPort = null)
    {
        var folder = apiFolder ?? RepositoryPaths.ApiFolder;
        var dll = Path.Combine(folder, RepositoryPaths.ApiAssembly);
        if (!File.Exists(dll) || !File.Exists(Path.Combine(folder, "appsettings.json")))
        {
            throw new InvalidOperationException($"The Api build is missing from {folder}: build the Benchmarks project (or the baseline's Api).");
        }

        for (var attempt = 1; ; attempt++)
        {
            // The free port is picked before the child binds it; another process can take it in between, hence the retry.
            var port = httpPort ?? Ports.FreeLoopbackPort();
            var baseAddress = new Uri($"http://127.0.0.1:{port}");
            string[] host = [dll, "--urls", baseAddress.AbsoluteUri.TrimEnd('/'), "--environment", "Production"];
            // taskset execs the host in place, so the process id (and its CPU time in /proc) is the host's.
            var process = ChildProcess.Start(
                name,
                pinned ? "taskset" : RepositoryPaths.DotnetHost,
                pinned ? ["-c", "0", RepositoryPaths.DotnetHost, .. host] : host,
                // The content root: the Api's appsettings.json (its production logging levels) is read from here.
                folder,
                settings);
            var server = new ApiServer(process, baseAddress);
            try
            {
                await server.WaitUntilAliveAsync(cancellationToken);
                return server;
            }
            catch (InvalidOperationException) when (httpPort is null && attempt < StartAttempts && process.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>Throws when the process has died (a benchmark against a dead host measures nothing).</summary>
    public void EnsureRunning()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{_process.Name} (pid {_process.Id}) exited:{Environment.NewLine}{_process.Output}");
        }
    }

    private async Task WaitUntilAliveAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.Name} exited during start:{Environment.NewLine}{_process.Output}");
            }

            try
            {
                using var response = await client.GetAsync("/alive", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Log.Info($"{_process.Name} is alive at {BaseAddress} after {stopwatch.Elapsed.TotalSeconds:0.0} s");
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            if (stopwatch.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"{_process.Name} did not answer /alive within {StartTimeout}:{Environment.NewLine}{_process.Output}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}

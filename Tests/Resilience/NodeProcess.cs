using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// An Api node as its own process (the built <c>Orleans.Bcp.Api.dll</c>), on a free loopback port,
/// in Production with the tests' signing key. Killed with SIGKILL by process id, like a crash.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Process _process;

    private NodeProcess(Process process, Uri baseAddress, int siloPort)
    {
        _process = process;
        BaseAddress = baseAddress;
        SiloPort = siloPort;
    }

    /// <summary>Where its HTTP API answers; a headless node (<see cref="StartSiloHost"/>) serves no HTTP: its silo endpoint.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The port its silo listens on for the other silos.</summary>
    public int SiloPort { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the node wrote (for failure messages).</summary>
    public string Output => string.Join(Environment.NewLine, _output.TakeLast(80));

    public static async Task<NodeProcess> StartApiAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var clock = Stopwatch.StartNew();
        var node = Launch(settings);
        await node.WaitUntilAliveAsync();
        // Starts are most of these tests' seconds on a busy machine: each says how long it took.
        Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss.f} node on port {node.BaseAddress.Port.ToString(CultureInfo.InvariantCulture)} answered /alive {clock.Elapsed.TotalSeconds:F1} s after its launch, having used {node._process.TotalProcessorTime.TotalSeconds:F1} s of CPU");
        return node;
    }

    /// <summary>
    /// Starts <paramref name="count"/> nodes at once: a node's start is mostly waiting (JIT, joining the cluster's table), so
    /// starting them side by side takes little longer than one. If one does not start, the others are killed.
    /// </summary>
    public static async Task<NodeProcess[]> StartApisAsync(int count, IReadOnlyDictionary<string, string?> settings)
    {
        var starting = Enumerable.Range(0, count).Select(_ => StartApiAsync(settings)).ToList();
        try
        {
            return await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(start => start.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Starts the process without waiting for it (a node that is expected never to join).</summary>
    public static NodeProcess Launch(IReadOnlyDictionary<string, string?> settings)
    {
        var port = AzuriteInstance.FreePort();
        var cluster = TestCluster.NodeSettings(settings, out var siloPort);
        var startInfo = StartInfo(BuiltAssembly("Api", "Orleans.Bcp.Api.dll"), [
            "--urls", $"http://127.0.0.1:{port}", $"--Auth:SigningKeys:0={ApiHost.SigningKey}",
            .. TestRateLimits.Unthrottled.Concat(cluster).Concat(settings).Select(setting => $"--{setting.Key}={setting.Value}")]);
        return Start(startInfo, new Uri($"http://127.0.0.1:{port}"), siloPort);
    }

    /// <summary>
    /// Starts the headless node (the built <c>Orleans.Bcp.Silo.Host.dll</c>) with the cluster settings an Api node of
    /// <paramref name="settings"/> gets; it hosts grains and reminders and serves no HTTP.
    /// </summary>
    public static NodeProcess StartSiloHost(IReadOnlyDictionary<string, string?> settings)
    {
        var cluster = TestCluster.NodeSettings(settings, out var siloPort);
        var startInfo = StartInfo(BuiltAssembly("Silo.Host", "Orleans.Bcp.Silo.Host.dll"),
            [.. cluster.Concat(settings).Select(setting => $"--{setting.Key}={setting.Value}")]);
        return Start(startInfo, new Uri($"tcp://127.0.0.1:{siloPort}"), siloPort);
    }

    /// <summary>`dotnet <paramref name="dll"/>` in Production, logging warnings and worse, with <paramref name="arguments"/>.</summary>
    private static ProcessStartInfo StartInfo(string dll, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var argument in (string[])[dll, "--environment", "Production", "--Logging:LogLevel:Default=Warning", .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    private static NodeProcess Start(ProcessStartInfo startInfo, Uri baseAddress, int siloPort)
    {
        var process = new Process { StartInfo = startInfo };
        var node = new NodeProcess(process, baseAddress, siloPort);
        process.OutputDataReceived += (_, e) => node.Record(e.Data);
        process.ErrorDataReceived += (_, e) => node.Record(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    public HttpClient ClientFor(string tenantId, string userId, params string[] permissions) =>
        ClientFor(TimeSpan.FromSeconds(30), tenantId, userId, permissions);

    /// <param name="timeout">How long a request may take before the client gives up (a bound some tests assert on).</param>
    /// <param name="tenantId">The token's tenant.</param>
    /// <param name="userId">The token's subject.</param>
    /// <param name="permissions">The token's permissions.</param>
    public HttpClient ClientFor(TimeSpan timeout, string tenantId, string userId, params string[] permissions)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiHost.Token(tenantId, userId, permissions));
        return client;
    }

    /// <summary>kill -9: no shutdown (the silo does not leave the cluster), like a crashed machine.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>The output folder of a project of this repository, built in the configuration the tests run in.</summary>
    private static string BuiltAssembly(string project, string assembly)
    {
        var testFolder = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var configuration = new DirectoryInfo(testFolder).Parent!.Name;
        var root = AzuriteSettings.Load().RepositoryRoot;
        var path = Path.Combine(root, project, "bin", configuration, "net10.0", assembly);
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build the solution first.");
    }

    private async Task WaitUntilAliveAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The node exited with code {_process.ExitCode.ToString(CultureInfo.InvariantCulture)}:{Environment.NewLine}{Output}");
            }

            try
            {
                if ((await client.GetAsync("/alive")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too slow to answer on a busy machine.
            }

            await Task.Delay(100);
        }

        await KillAsync();
        throw new TimeoutException($"The node did not answer /alive within {StartTimeout}:{Environment.NewLine}{Output}");
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 500)
        {
            _output.TryDequeue(out _);
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>
/// Azurite (Blob, Table and Queue services) from the repository's node_modules, on free loopback ports:
/// the Orleans azure profile needs Table (membership, reminders) and Blob (state). A private instance is
/// in memory unless given a folder; it can be stopped and started again on the same port (a region's
/// store going down and coming back; in memory it comes back empty).
/// </summary>
/// <remarks>
/// The shared instance keeps its data in a temporary folder, not in memory: Azurite's blob garbage
/// collection runs 10 minutes after start and every 10 minutes after that, and in memory it deletes
/// each dead blob's extent on its one thread with a scan of all extents. After a few thousand
/// overwritten blobs that held the process, Table service included, for over a minute, and whichever
/// test ran then timed out. On disk, blobs share a few large extent files and the collection is quick.
/// </remarks>
public sealed class AzuriteInstance : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly string SharedLocation = Path.Combine(Path.GetTempPath(), "bcp-tests", $"azurite-{Guid.NewGuid():N}");
    private static readonly Lazy<Task<AzuriteInstance>> SharedInstance = new(() => StartNewAsync(SharedLocation));
    private const int OutputLines = 50;

    private readonly AzuriteSettings _settings;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private readonly string? _location;

    private AzuriteInstance(AzuriteSettings settings, int port, string? location)
    {
        _settings = settings;
        Port = port;
        TablePort = FreePort();
        QueuePort = FreePort();
        _location = location;
    }

    public int Port { get; }

    /// <summary>The Table service's port.</summary>
    public int TablePort { get; }

    private int QueuePort { get; }

    /// <summary>The id of the node process while it runs.</summary>
    public int? ProcessId => _process?.Id;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={_settings.AccountName};AccountKey={_settings.AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{Port}/{_settings.AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{_settings.AccountName};";

    /// <summary>The instance shared by the whole test run (tests isolate by container); stopped in <see cref="TestRunHooks"/>.</summary>
    public static Task<AzuriteInstance> GetSharedAsync() => SharedInstance.Value;

    /// <summary>Starts a private instance, for tests that stop and restart their store.</summary>
    /// <param name="location">A folder to keep the data in across a stop and start; in memory when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<AzuriteInstance> StartNewAsync(string? location = null, CancellationToken cancellationToken = default)
    {
        var instance = new AzuriteInstance(AzuriteSettings.Load(), FreePort(), location);
        await instance.StartAsync(cancellationToken);
        return instance;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException($"Azurite is already running as process {_process.Id}.");
        }

        if (!File.Exists(_settings.EntryPoint))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({_settings.EntryPoint} is missing): run `npm ci` in {_settings.RepositoryRoot}.");
        }

        var startInfo = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Azurite writes only to its --location (nothing in memory); a neutral folder keeps it that way if that ever changes.
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in (string[])[
            _settings.EntryPoint,
            "--blobHost", "127.0.0.1",
            "--blobPort", Port.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1",
            "--tablePort", TablePort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1",
            "--queuePort", QueuePort.ToString(CultureInfo.InvariantCulture),
            .. (_location is null ? (string[])["--inMemoryPersistence"] : ["--location", _location]),
            "--silent",
            .. _settings.Flags])
        {
            startInfo.ArgumentList.Add(argument);
        }

        _output.Clear();
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.Start();
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await WaitUntilListeningAsync(process, cancellationToken);
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    /// <summary>Kills the node process (and any children) by its process id.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    /// <summary>Stops the node process with SIGTERM, so a persistent instance writes its data out first.</summary>
    public async Task ShutDownAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        await SignalAsync(process, "-TERM");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    /// <summary>Stops the node process where it is (SIGSTOP): the store takes connections and never answers, as an overloaded one.</summary>
    public Task FreezeAsync() => SignalAsync(_process ?? throw new InvalidOperationException("Azurite is not running."), "-STOP");

    /// <summary>Lets a frozen node process go on (SIGCONT).</summary>
    public Task ThawAsync() => SignalAsync(_process ?? throw new InvalidOperationException("Azurite is not running."), "-CONT");

    public async ValueTask DisposeAsync() => await StopAsync();

    private static async Task SignalAsync(Process process, string signal)
    {
        using var kill = Process.Start("kill", [signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    internal static async Task StopSharedAsync()
    {
        if (SharedInstance.IsValueCreated && SharedInstance.Value.IsCompletedSuccessfully)
        {
            await SharedInstance.Value.Result.StopAsync();
        }

        if (Directory.Exists(SharedLocation))
        {
            Directory.Delete(SharedLocation, recursive: true);
        }
    }

    private async Task WaitUntilListeningAsync(Process process, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}:{Environment.NewLine}{Output}");
            }

            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                using var tableProbe = new TcpClient();
                await tableProbe.ConnectAsync(IPAddress.Loopback, TablePort, cancellationToken);
                return;
            }
            catch (SocketException) when (stopwatch.Elapsed < StartTimeout)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (SocketException ex)
            {
                throw new TimeoutException($"Azurite did not listen on port {Port} within {StartTimeout}:{Environment.NewLine}{Output}", ex);
            }
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        // Only the last lines are kept, for the message when Azurite fails to start.
        _output.Enqueue(line);
        if (_output.Count > OutputLines)
        {
            _output.TryDequeue(out _);
        }
    }

    private string Output => string.Join(Environment.NewLine, _output);

    internal static int FreePort() => LoopbackPorts.Reserve();
}

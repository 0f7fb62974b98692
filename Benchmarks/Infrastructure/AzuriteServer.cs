using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>
/// Azurite from the repository's node_modules on loopback ports, with the settings of azurite.json
/// (the essentials of Tests/Infrastructure/AzuriteInstance.cs): in memory with Blob, Table and Queue
/// (the azure profile keeps Orleans membership and reminders in Table), or on disk in a folder of the
/// caller's on ports it chooses, so it can be stopped and started again with its data.
/// </summary>
internal sealed class AzuriteServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ShutDownTimeout = TimeSpan.FromSeconds(10);

    private readonly ChildProcess _process;
    private readonly string _accountName;
    private readonly string _accountKey;

    private AzuriteServer(ChildProcess process, int port, int? tablePort, string accountName, string accountKey)
    {
        _process = process;
        Port = port;
        TablePort = tablePort;
        _accountName = accountName;
        _accountKey = accountKey;
    }

    public int Port { get; }

    /// <summary>The Table service's port; null for a Blob-only instance.</summary>
    public int? TablePort { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={_accountName};AccountKey={_accountKey};BlobEndpoint=http://127.0.0.1:{Port}/{_accountName};" +
        (TablePort is { } table ? $"TableEndpoint=http://127.0.0.1:{table}/{_accountName};" : "");

    /// <summary>Blob, Table and Queue in memory on free ports.</summary>
    public static Task<AzuriteServer> StartAsync(CancellationToken cancellationToken) =>
        LaunchAsync("azurite", null, Ports.FreeLoopbackPort(), Ports.FreeLoopbackPort(), cancellationToken);

    /// <summary>
    /// On disk in <paramref name="location"/> (created if missing) on the given ports: Blob, Table and Queue when
    /// <paramref name="tablePort"/> is given (a control store), Blob only otherwise (a regional store).
    /// </summary>
    public static Task<AzuriteServer> StartOnDiskAsync(string name, string location, int port, int? tablePort, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(location);
        return LaunchAsync(name, location, port, tablePort, cancellationToken);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>
    /// Stops it with SIGTERM, so an on-disk instance writes its metadata out first: Azurite saves it
    /// periodically, and a SIGKILL can lose blobs it acknowledged (docs/reliability.md).
    /// </summary>
    public async Task ShutDownAsync(CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(cancellationToken);
            var stopwatch = Stopwatch.StartNew();
            while (!_process.HasExited && stopwatch.Elapsed < ShutDownTimeout)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        await _process.DisposeAsync();
    }

    private static async Task<AzuriteServer> LaunchAsync(string name, string? location, int port, int? tablePort, CancellationToken cancellationToken)
    {
        if (!File.Exists(RepositoryPaths.AzuriteEntryPoint))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({RepositoryPaths.AzuriteEntryPoint} is missing): run `npm ci` in {RepositoryPaths.Root}.");
        }

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryPaths.AzuriteSettings, cancellationToken));
        var settings = json.RootElement;
        var flags = settings.GetProperty("flags").EnumerateArray().Select(flag => flag.GetString()!);
        string[] services = tablePort is { } table
            ?
            [
                RepositoryPaths.AzuriteEntryPoint,
                "--blobHost", "127.0.0.1", "--blobPort", Text(port),
                "--tableHost", "127.0.0.1", "--tablePort", Text(table),
                "--queueHost", "127.0.0.1", "--queuePort", Text(Ports.FreeLoopbackPort()),
            ]
            : [RepositoryPaths.AzuriteBlobEntryPoint, "--blobHost", "127.0.0.1", "--blobPort", Text(port)];
        var process = ChildProcess.Start(
            name,
            "node",
            [.. services, .. location is null ? (string[])["--inMemoryPersistence"] : ["--location", location], "--silent", .. flags],
            // In memory Azurite writes nothing; a neutral folder keeps it that way if that ever changes.
            location ?? Path.GetTempPath());
        var server = new AzuriteServer(process, port, tablePort, settings.GetProperty("accountName").GetString()!, settings.GetProperty("accountKey").GetString()!);
        try
        {
            await server.WaitUntilListeningAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!await Ports.IsListeningAsync(Port, cancellationToken) || (TablePort is { } table && !await Ports.IsListeningAsync(table, cancellationToken)))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited:{Environment.NewLine}{_process.Output}");
            }

            if (stopwatch.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"Azurite did not listen on port {Port} within {StartTimeout}:{Environment.NewLine}{_process.Output}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>
/// Azurite (Blob, Table, Queue) from the repository's node_modules, in memory, on free loopback ports
/// (the azure profile keeps Orleans membership and reminders in Table),
/// with the settings of azurite.json (the essentials of Tests/Infrastructure/AzuriteInstance.cs).
/// </summary>
internal sealed class AzuriteServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly ChildProcess _process;
    private readonly string _accountName;
    private readonly string _accountKey;

    private AzuriteServer(ChildProcess process, int port, int tablePort, string accountName, string accountKey)
    {
        _process = process;
        Port = port;
        TablePort = tablePort;
        _accountName = accountName;
        _accountKey = accountKey;
    }

    public int Port { get; }

    public int TablePort { get; }

    public int ProcessId => _process.Id;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={_accountName};AccountKey={_accountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{Port}/{_accountName};TableEndpoint=http://127.0.0.1:{TablePort}/{_accountName};";

    public static async Task<AzuriteServer> StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(RepositoryPaths.AzuriteEntryPoint))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({RepositoryPaths.AzuriteEntryPoint} is missing): run `npm ci` in {RepositoryPaths.Root}.");
        }

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryPaths.AzuriteSettings, cancellationToken));
        var settings = json.RootElement;
        var flags = settings.GetProperty("flags").EnumerateArray().Select(flag => flag.GetString()!);
        var port = Ports.FreeLoopbackPort();
        var tablePort = Ports.FreeLoopbackPort();
        var process = ChildProcess.Start(
            "azurite",
            "node",
            [
                RepositoryPaths.AzuriteEntryPoint,
                "--blobHost", "127.0.0.1",
                "--blobPort", port.ToString(CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1",
                "--tablePort", tablePort.ToString(CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1",
                "--queuePort", Ports.FreeLoopbackPort().ToString(CultureInfo.InvariantCulture),
                "--inMemoryPersistence",
                "--silent",
                .. flags,
            ],
            // In memory Azurite writes nothing; a neutral folder keeps it that way if that ever changes.
            Path.GetTempPath());
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

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!await Ports.IsListeningAsync(Port, cancellationToken) || !await Ports.IsListeningAsync(TablePort, cancellationToken))
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

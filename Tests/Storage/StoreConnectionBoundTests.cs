using System.Text;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Storage;

/// <summary>
/// A node's connections to a Blob store are bounded (<c>Storage:*:MaxConnections</c>): requests past the bound wait for a
/// connection instead of opening one each, and all of them are still served.
/// </summary>
[TestClass]
public sealed class StoreConnectionBoundTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task ManyRequestsAtOnce_OpenNoMoreThanMaxConnections_AndAreAllServed()
    {
        // An Azurite of its own: every connection to its port is this test's.
        await using var azurite = await AzuriteInstance.StartNewAsync();
        var provider = new ObjectStoreProvider(Options.Create(new StorageOptions
        {
            Default = new StoreOptions { Provider = "blob", ConnectionString = azurite.ConnectionString, Container = "bound", MaxConnections = 3 },
        }));
        var store = provider.Get("control");
        for (var i = 0; i < 10; i++)
        {
            await store.CreateAsync($"objects/{i}", Encoding.UTF8.GetBytes($"object {i}"));
        }

        // Sampled on a thread of its own, so a busy thread pool cannot delay it past the reads.
        var most = 0;
        var samples = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Factory.StartNew(() =>
        {
            while (!sampling.IsCancellationRequested)
            {
                most = Math.Max(most, TcpTable.EstablishedTo(azurite.Port));
                Interlocked.Increment(ref samples);
                Thread.Sleep(2);
            }
        }, TaskCreationOptions.LongRunning);
        await Poll.UntilAsync(() => Task.FromResult(Volatile.Read(ref samples) > 0), TimeSpan.FromSeconds(10), "the sampler runs");
        var reads = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(i => store.ReadAsync($"objects/{i % 10}")));
        await sampling.CancelAsync();
        await sampler;

        Assert.IsTrue(reads.Select((read, i) => read is not null && Encoding.UTF8.GetString(read.Data.Span) == $"object {i % 10}").All(served => served), "every read was served");
        // The kernel's table can still list, for a moment, a connection the pool has let go and replaced (a CI run saw 5
        // with bound 3); without the bound, 1,000 reads at once open a connection for each read waiting.
        Assert.IsTrue(most is >= 1 and <= 6, $"connections to the store at once: {most} at most, bound 3");
    }

    [TestMethod]
    public async Task Start_MaxConnectionsZero_RefusesNamingTheKey()
    {
        var settings = new Dictionary<string, string?> { ["Storage:Default:MaxConnections"] = "0" };

        var error = await Assert.ThrowsExactlyAsync<OptionsValidationException>(() =>
            ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: settings));

        StringAssert.Contains(error.Message, "Storage:Default:MaxConnections must be at least 1");
    }

    [TestMethod]
    [DataRow("Storage:Default:NetworkTimeout", "00:00:00")]
    [DataRow("Storage:Stores:us-east:NetworkTimeout", "00:02:00")]
    public async Task Start_NetworkTimeoutOutOfRange_RefusesNamingTheKey(string key, string value)
    {
        var settings = new Dictionary<string, string?> { [key] = value };

        var error = await Assert.ThrowsExactlyAsync<OptionsValidationException>(() =>
            ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: settings));

        StringAssert.Contains(error.Message, $"{key} must be more than 0 and at most 00:01:00");
    }
}

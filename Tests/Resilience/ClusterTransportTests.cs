using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using Azure.Data.Tables;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// A real two-process cluster on the azure profile (Azurite), its silos on mutual TLS with the test run's cluster
/// certificates (Tests/Infrastructure/ClusterCertificates.cs). Nothing outside the silos reaches a grain: no node
/// listens on anything but its HTTP and silo ports, an Orleans client fails on every one of them within a bound,
/// with or without a node certificate; and a silo whose certificate comes from another CA never becomes active
/// while the cluster keeps serving.
/// </summary>
[TestClass]
[TestCategory("Resilience")]
// Alone: real silos whose membership (one vote declares a silo dead) other classes' load could upset.
[DoNotParallelize]
public sealed class ClusterTransportTests
{
    private static readonly TimeSpan JoinWatch = TimeSpan.FromSeconds(10);

    // One two-node cluster for both tests (a start is seconds of the alone phase): the refused outside clients and the
    // refused rogue silo leave it as it was, which each test checks (ring of two, a switch through both nodes).
    private static readonly List<NodeProcess> Nodes = [];
    private static Dictionary<string, string?> _settings = null!;
    private static string _clusterId = null!;

    [ClassInitialize]
    public static async Task StartClusterAsync(TestContext context)
    {
        (_settings, _clusterId) = await ClusterSettingsAsync("transport");
        Nodes.AddRange(await NodeProcess.StartApisAsync(2, _settings));
    }

    [ClassCleanup]
    public static async Task StopClusterAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task OrleansClient_OnEveryPortOfEveryNode_CannotCallAGrain()
    {
        var (nodes, clusterId) = (Nodes, _clusterId);
        await SiloMetrics.WaitForRingAsync(nodes, 2);

        var files = ClusterCertificates.Shared.Trusted;
        using var nodeCertificate = X509Certificate2.CreateFromPemFile(files.CertificatePath, files.KeyPath);
        var ports = new List<int>();
        foreach (var node in nodes)
        {
            var listening = TcpTable.ListeningPortsOf(node.ProcessId);
            CollectionAssert.AreEquivalent(
                new[] { node.BaseAddress.Port, node.SiloPort }, listening.ToArray(), "a node listens on its HTTP and silo ports only: no gateway");
            ports.AddRange(listening);
        }

        // The attempts are independent clients, each watched for its own bound: side by side, the test waits for the slowest, not their sum.
        var attempts = ports.SelectMany(port => ((X509Certificate2?[])[null, nodeCertificate]).Select(async certificate =>
            (Port: port, Who: certificate is null ? "without certificate" : "with a node certificate",
                Outcome: await OutsideClient.TryCallAsync(port, clusterId, certificate))));
        foreach (var (port, who, (ended, failure, took)) in await Task.WhenAll(attempts))
        {
            Console.WriteLine($"port {port} {who}: {(ended ? failure?.GetType().Name ?? "answered" : "no answer, still retrying")} after {took.TotalMilliseconds:F0} ms");
            Assert.IsFalse(ended && failure is null, $"an Orleans client {who} on port {port} called a grain");
        }

        // The refused attempts did no harm: the cluster still serves.
        await SiloMetrics.WaitForRingAsync(nodes, 2);
        await SwitchThroughBothAsync(nodes);
    }

    [TestMethod]
    public async Task Silo_WithACertificateOfAnotherCa_NeverBecomesActiveAndTheClusterKeepsServing()
    {
        var (settings, clusterId, nodes) = (_settings, _clusterId, Nodes);
        NodeProcess? rogue = null;
        using var folder = new TempFolder();
        try
        {
            await SiloMetrics.WaitForRingAsync(nodes, 2);

            // Same subject names, another CA; it trusts both CAs, so only the cluster's own refusal keeps it out.
            var certificates = ClusterCertificates.Shared;
            var bothCas = folder.File("both-ca.crt");
            await File.WriteAllTextAsync(bothCas, string.Join('\n', await File.ReadAllTextAsync(certificates.Rogue.CaPath), await File.ReadAllTextAsync(certificates.Trusted.CaPath)));
            rogue = NodeProcess.Launch(new Dictionary<string, string?>(settings)
            {
                ["Cluster:Tls:CertificatePath"] = certificates.Rogue.CertificatePath,
                ["Cluster:Tls:KeyPath"] = certificates.Rogue.KeyPath,
                ["Cluster:Tls:CaPath"] = bothCas,
            });

            var table = new TableClient(settings["Storage:Default:ConnectionString"], "OrleansSiloInstances");
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (await StatusOfAsync(table, clusterId, rogue.SiloPort) is null)
            {
                Assert.IsFalse(rogue.HasExited, $"the rogue silo exited before it tried to join:{Environment.NewLine}{rogue.Output}");
                Assert.IsTrue(DateTime.UtcNow < deadline, $"the rogue silo never wrote itself into membership:{Environment.NewLine}{rogue.Output}");
                await Task.Delay(200);
            }

            var watchEnd = DateTime.UtcNow + JoinWatch;
            while (DateTime.UtcNow < watchEnd)
            {
                var status = await StatusOfAsync(table, clusterId, rogue.SiloPort);
                Assert.AreNotEqual("Active", status, $"the rogue silo became active:{Environment.NewLine}{rogue.Output}");
                foreach (var node in nodes)
                {
                    Assert.AreEqual(2, (await SiloMetrics.ReadAsync(node)).RingSize, "the cluster's ring holds its own two silos only");
                }

                await Task.Delay(500);
            }

            Console.WriteLine($"rogue silo after {JoinWatch.TotalSeconds} s: {await StatusOfAsync(table, clusterId, rogue.SiloPort)}");
            await SwitchThroughBothAsync(nodes);
        }
        finally
        {
            // A refused silo retries its join for minutes: it is killed once the assertions are made.
            if (rogue is not null)
            {
                await rogue.DisposeAsync();
            }
        }
    }

    private static async Task<(Dictionary<string, string?> Settings, string ClusterId)> ClusterSettingsAsync(string label)
    {
        var azurite = await AzuriteInstance.GetSharedAsync();
        var container = $"{label}-{Guid.NewGuid():N}";
        // TestCluster names the cluster after the container.
        return (new Dictionary<string, string?>
        {
            ["Storage:Default:Provider"] = "blob",
            ["Storage:Default:ConnectionString"] = azurite.ConnectionString,
            ["Storage:Default:Container"] = container,
        }, container);
    }

    /// <summary>The membership status of the silo on <paramref name="siloPort"/>, or null if it has no row.</summary>
    private static async Task<string?> StatusOfAsync(TableClient table, string clusterId, int siloPort)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(entity => entity.PartitionKey == clusterId))
        {
            if (row.GetString("Port") == siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                return row.GetString("Status");
            }
        }

        return null;
    }

    /// <summary>A pair created through the first node and switched through the second: grain calls across the silos work.</summary>
    private static async Task SwitchThroughBothAsync(IReadOnlyList<NodeProcess> nodes)
    {
        using var operatorClient = nodes[0].ClientFor("ops", "operator-1", Permissions.Setup);
        var primary = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc.", "us-east");
        var bcp = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc. BCP", "eu-west");
        using var created = await operatorClient.PostAsJsonAsync("/tenant-pairs", new { primaryTenantId = primary, bcpTenantId = bcp });
        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());
        var pair = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(BcpClient.Json))!;
        var pairId = pair.GetProperty("pairId").GetString()!;
        using var admin = nodes[1].ClientFor(primary, "admin-1", Permissions.ActivationEdit);
        using var switched = await BcpClient.SwitchAsync(admin, pairId, "bcp", pair.GetProperty("passkey").GetString());
        Assert.AreEqual(HttpStatusCode.OK, switched.StatusCode, await switched.Content.ReadAsStringAsync());
    }
}

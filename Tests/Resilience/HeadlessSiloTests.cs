using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// The headless node (<c>Silo.Host</c>, no HTTP) as its own process beside an Api node, both on Azurite with mutual
/// TLS: it joins the cluster and hosts pair grains that switches through the Api node reach.
/// </summary>
[TestClass]
[TestCategory("Resilience")]
// Alone: real silos whose membership (one vote declares a silo dead) other classes' load could upset.
[DoNotParallelize]
public sealed class HeadlessSiloTests
{
    private const int MostPairs = 40;
    private const string PairGrainType = "tenantpair";

    [TestMethod]
    public async Task SiloHost_JoinsTheCluster_AndHostsPairGrainsThatSwitchesThroughTheApiReach()
    {
        var azurite = await AzuriteInstance.GetSharedAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Default:Provider"] = "blob",
            ["Storage:Default:ConnectionString"] = azurite.ConnectionString,
            ["Storage:Default:Container"] = $"headless-{Guid.NewGuid():N}",
        };
        // Both start side by side (a start is mostly waiting); the ring below says when the headless one has joined.
        await using var headless = NodeProcess.StartSiloHost(settings);
        await using var api = await NodeProcess.StartApiAsync(settings);
        await SiloMetrics.WaitForRingAsync([api], 2, () => $"headless output:{Environment.NewLine}{headless.Output}");

        using var operatorClient = api.ClientFor("ops", "operator-1", Permissions.Setup);
        // Each pair has one activation in the cluster: once the Api node holds fewer than were switched, the rest live on the headless node.
        var clock = Stopwatch.StartNew();
        var switched = 0;
        while (switched < MostPairs && (await SiloMetrics.ReadAsync(api)).Activations(PairGrainType) >= switched)
        {
            await SwitchNewPairAsync(api, operatorClient, switched);
            switched++;
        }

        var onApi = (await SiloMetrics.ReadAsync(api)).Activations(PairGrainType);
        Console.WriteLine($"{switched} pairs switched in {clock.Elapsed.TotalSeconds:F1} s until one lived on the headless node");
        Assert.IsLessThan(switched, onApi,
            $"after {switched} pairs switched through the Api node, none lived on the headless node; headless output:{Environment.NewLine}{headless.Output}");
        Assert.IsFalse(headless.HasExited, headless.Output);
        Assert.AreEqual(2, (await SiloMetrics.ReadAsync(api)).RingSize, "both nodes are still in the ring");
    }

    private static async Task SwitchNewPairAsync(NodeProcess api, HttpClient operatorClient, int number)
    {
        var primary = await BcpClient.CreateTenantAsync(operatorClient, $"Classics {number}", "us-east");
        var bcp = await BcpClient.CreateTenantAsync(operatorClient, $"Classics {number} BCP", "eu-west");
        using var created = await operatorClient.PostAsJsonAsync("/tenant-pairs", new { primaryTenantId = primary, bcpTenantId = bcp });
        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());
        var pair = await created.Content.ReadFromJsonAsync<JsonElement>(BcpClient.Json);
        using var admin = api.ClientFor(primary, "admin-1", Permissions.ActivationEdit);
        using var answer = await BcpClient.SwitchAsync(admin, pair.GetProperty("pairId").GetString()!, "bcp", pair.GetProperty("passkey").GetString());
        Assert.AreEqual(HttpStatusCode.OK, answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }
}

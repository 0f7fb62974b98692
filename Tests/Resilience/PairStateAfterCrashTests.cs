using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// Kill -9 of the node whose silo holds a pair's activation (found on <c>/metrics</c>): the pair comes back on a survivor with no
/// subscribers, so nothing would push its next switch to the other survivor. The nodes keep pair state for
/// 30 s here (<c>PairState:MaxAge</c>), so only the drop on the dead silo's declaration can explain a fresh answer.
/// </summary>
[TestClass]
// Alone: a switch must show on the other survivor within a second of a crash.
[DoNotParallelize]
[TestCategory("Resilience")]
public sealed class PairStateAfterCrashTests
{
    private const string Username = "agent-1@classics.example";

    [TestMethod]
    public async Task PairHolderKilled_SwitchOnASurvivor_ShowsOnTheOtherSurvivorWithinOneSecond()
    {
        var azurite = await AzuriteInstance.GetSharedAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Default:Provider"] = "blob",
            ["Storage:Default:ConnectionString"] = azurite.ConnectionString,
            ["Storage:Default:Container"] = $"crashpush-{Guid.NewGuid():N}",
            ["PairState:MaxAge"] = "00:00:30",
        };
        var nodes = await NodeProcess.StartApisAsync(3, settings);
        await using var first = nodes[0];
        await using var second = nodes[1];
        await using var third = nodes[2];

        using var operatorClient = first.ClientFor("ops", "operator-1", Permissions.Setup);
        var primary = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc.", "us-east");
        var bcp = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc. BCP", "eu-west");
        var created = await (await operatorClient.PostAsJsonAsync("/tenant-pairs", new { primaryTenantId = primary, bcpTenantId = bcp }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var pairId = created.GetProperty("pairId").GetString()!;
        var passkey = created.GetProperty("passkey").GetString()!;
        using var editor = first.ClientFor(primary, "admin-1", Permissions.TenantConfigEdit, Permissions.AccessEdit);
        (await editor.PostAsJsonAsync($"/tenants/{primary}/users", new { username = Username, bcpType = "single" })).EnsureSuccessStatusCode();

        // Orleans places the pair's grain where it sees fit: find it, and give the other two nodes their parts.
        var holding = new List<NodeProcess>();
        foreach (var node in nodes)
        {
            if ((await SiloMetrics.ReadAsync(node)).Activations("tenantpair") > 0)
            {
                holding.Add(node);
            }
        }

        Assert.HasCount(1, holding, "one node holds the pair's activation");
        var holder = holding[0];
        var survivors = nodes.Where(node => node != holder).ToList();
        var (switcher, reader) = (survivors[0], survivors[1]);
        using var onReader = reader.ClientFor("login", "login-service", Permissions.LoginRead);
        Assert.AreEqual("primary", await ActiveSideAsync(onReader), "the reader keeps the pair (and subscribes)");

        await holder.KillAsync();
        using var onSwitcher = switcher.ClientFor(primary, "admin-1", Permissions.ActivationEdit);
        var deadline = Stopwatch.StartNew();
        HttpResponseMessage response;
        do
        {
            Assert.IsTrue(deadline.Elapsed < TimeSpan.FromSeconds(60), "the survivors did not serve the pair again");
            await Task.Delay(250);
            response = await BcpClient.SwitchAsync(onSwitcher, pairId, "bcp", passkey);
            Assert.AreNotEqual(HttpStatusCode.InternalServerError, response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        while (response.StatusCode != HttpStatusCode.OK);
        var switchedAt = Stopwatch.StartNew();

        string side;
        do
        {
            side = await ActiveSideAsync(onReader);
        }
        while (side != "bcp" && switchedAt.Elapsed < TimeSpan.FromSeconds(1));
        Console.WriteLine($"pair state after a crash: switch 200 {deadline.Elapsed.TotalSeconds:F1} s after the kill; the other survivor showed '{side}' after {switchedAt.Elapsed.TotalMilliseconds:F0} ms");
        Assert.AreEqual("bcp", side, "the other survivor shows the switch within the 1 s bound");
    }

    private static async Task<string> ActiveSideAsync(HttpClient login)
    {
        var response = await login.GetAsync($"/login/options?username={Uri.EscapeDataString(Username)}");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activeSide").GetString()!;
    }
}

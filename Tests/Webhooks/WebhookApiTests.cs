using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Webhooks;

/// <summary>Registering webhooks: who may, what is refused (SSRF included), and that the secret is shown once.</summary>
[TestClass]
public sealed class WebhookApiTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Secret_IsShownOnce_AndNeverListedLoggedOrAudited()
    {
        await using var host = await StartAsync("Development");
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.BcpTenantId, "bcp-admin", Permissions.ActivationEdit);
        var (webhookId, secret) = await WebhookClient.RegisterAsync(admin, pair.PairId, "http://127.0.0.1:9/hooks/s3cr3t-path?token=abc", "switch.succeeded", "sync.failed", "switch.succeeded");

        var listed = await admin.GetStringAsync($"/tenant-pairs/{pair.PairId}/webhooks");
        Assert.DoesNotContain(secret, listed);
        Assert.DoesNotContain("\"secret\"", listed);
        var webhook = JsonDocument.Parse(listed).RootElement.EnumerateArray().Single();
        Assert.AreEqual(webhookId, webhook.GetProperty("webhookId").GetString());
        CollectionAssert.AreEqual(new[] { "switch.succeeded", "sync.failed" }, webhook.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ToArray());
        Assert.IsTrue(webhook.TryGetProperty("createdAt", out _));

        var audit = await BcpClient.GetAuditAsync(admin, pair.PairId);
        var entry = audit.Single(e => e.Action == "webhook-create");
        Assert.AreEqual("http://127.0.0.1:9", entry.Details["url"]!.GetValue<string>(), "the path and query (where a receiver may keep its token) stay out of the audit");
        Assert.DoesNotContain(secret, JsonSerializer.Serialize(audit));
        Assert.IsFalse(host.Logs.Lines.Any(log => log.Contains(secret, StringComparison.Ordinal)));

        Assert.AreEqual(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/tenant-pairs/{pair.PairId}/webhooks/{webhookId}")).StatusCode);
        Assert.AreEqual("[]", await admin.GetStringAsync($"/tenant-pairs/{pair.PairId}/webhooks"));
        Assert.IsTrue((await BcpClient.GetAuditAsync(admin, pair.PairId)).Any(e => e.Action == "webhook-delete"));
    }

    [TestMethod]
    public async Task BadInput_IsRefusedWithAProblem_AndWritesNothing()
    {
        await using var host = await StartAsync("Development");
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var path = $"/tenant-pairs/{pair.PairId}/webhooks";

        var unknown = await BcpClient.ReadProblemAsync(await admin.PostAsJsonAsync(path, new { url = "http://127.0.0.1:9/", events = new[] { "switch.done" } }), HttpStatusCode.BadRequest);
        StringAssert.Contains(unknown.GetProperty("detail").GetString(), "switch.succeeded, switch.rejected, switch.locked, sync.succeeded, sync.failed, sync.skipped, sync.deletes-held, sync.cancelled, readiness.changed");
        await BcpClient.ReadProblemAsync(await admin.PostAsJsonAsync(path, new { url = "http://127.0.0.1:9/", events = Array.Empty<string>() }), HttpStatusCode.BadRequest);
        await BcpClient.ReadProblemAsync(await admin.PostAsJsonAsync(path, new { url = "http://127.0.0.1:9/", events = new string?[] { null } }), HttpStatusCode.BadRequest);
        await BcpClient.ReadProblemAsync(await admin.PostAsJsonAsync(path, new { events = new[] { "switch.succeeded" } }), HttpStatusCode.BadRequest);
        foreach (var url in new[] { "not a url", "/relative", "ftp://127.0.0.1/", "http://user:pw@127.0.0.1/", "http://127.0.0.1/" + new string('a', 2_000) })
        {
            await BcpClient.ReadProblemAsync(await admin.PostAsJsonAsync(path, new { url, events = new[] { "switch.succeeded" } }), HttpStatusCode.BadRequest);
        }

        Assert.AreEqual("[]", await admin.GetStringAsync(path));
        Assert.IsFalse((await BcpClient.GetAuditAsync(admin, pair.PairId)).Any(e => e.Action.StartsWith("webhook", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task PrivateAndPlainHttpTargets_AreRefusedOutsideDevelopment()
    {
        await using var host = await StartAsync("Production");
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var path = $"/tenant-pairs/{pair.PairId}/webhooks";
        string[] refused =
        [
            "http://203.0.113.10/hooks", "https://127.0.0.1/hooks", "https://localhost/hooks", "https://10.1.2.3/", "https://172.16.0.1/",
            "https://192.168.1.1/", "https://100.64.0.1/", "https://169.254.169.254/latest/meta-data", "https://0.0.0.0/", "https://[::1]/",
            "https://[fe80::1]/", "https://[fd00::1]/", "https://[::ffff:10.0.0.1]/",
        ];
        foreach (var url in refused)
        {
            var problem = await BcpClient.ReadProblemAsync(await admin.PostAsJsonAsync(path, new { url, events = new[] { "switch.succeeded" } }), HttpStatusCode.BadRequest);
            Assert.AreEqual("/problems/validation", problem.GetProperty("type").GetString(), url);
        }

        await WebhookClient.RegisterAsync(admin, pair.PairId, "https://203.0.113.10/hooks", "switch.succeeded");
    }

    [TestMethod]
    public async Task IPv6RangesCarryingIPv4_AndPortsOtherThan443_AreRefusedOutsideDevelopment()
    {
        await using var host = await StartAsync("Production");
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        string[] refused =
        [
            "https://[64:ff9b::a9fe:a9fe]/", "https://[64:ff9b:1::a00:1]/", "https://[2002:a9fe:a9fe::1]/", "https://[2001:0:4136:e378::1]/",
            "https://[::a9fe:a9fe]/", "https://[fd00:ec2::254]/", "https://[ff02::1]/", "https://224.0.0.1/", "https://203.0.113.10:8443/hooks",
            "https://203.0.113.10:80/",
        ];
        await AssertRefusedAsync(admin, pair.PairId, refused);

        await WebhookClient.RegisterAsync(admin, pair.PairId, "https://203.0.113.10:443/hooks", "switch.succeeded");
        await WebhookClient.RegisterAsync(admin, pair.PairId, "https://[2001:db8::1]/hooks", "switch.succeeded");
    }

    [TestMethod]
    public async Task ConfiguredPorts_AreTheOnlyOnesAllowed()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: new Dictionary<string, string?>
        {
            ["Webhooks:AllowedPorts:0"] = "8443",
        });
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);

        await AssertRefusedAsync(admin, pair.PairId, ["https://203.0.113.10/hooks"]);
        await WebhookClient.RegisterAsync(admin, pair.PairId, "https://203.0.113.10:8443/hooks", "switch.succeeded");
    }

    [TestMethod]
    public async Task Development_StillRefusesLinkLocalAndCloudMetadata()
    {
        await using var host = await StartAsync("Development");
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);

        await AssertRefusedAsync(admin, pair.PairId,
        [
            "http://169.254.169.254/latest/meta-data", "http://169.254.1.1:8080/", "http://[fe80::1]/", "http://[fd00:ec2::254]/latest/meta-data",
            "http://[::ffff:169.254.169.254]/", "http://[64:ff9b::a9fe:a9fe]/", "http://[::a9fe:a9fe]/",
        ]);
        Assert.AreEqual("[]", await admin.GetStringAsync($"/tenant-pairs/{pair.PairId}/webhooks"));
        await WebhookClient.RegisterAsync(admin, pair.PairId, "http://[::1]:9/hooks", "switch.succeeded");
        await WebhookClient.RegisterAsync(admin, pair.PairId, "http://10.1.2.3:8080/hooks", "switch.succeeded");
    }

    [TestMethod]
    public async Task ConcurrentCreates_NeverExceedTenWebhooks()
    {
        await using var host = await StartAsync("Development");
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var path = $"/tenant-pairs/{pair.PairId}/webhooks";

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            admin.PostAsJsonAsync(path, new { url = $"http://127.0.0.1:9/hooks/{i}", events = new[] { "switch.succeeded" } })));

        Assert.AreEqual(10, responses.Count(response => response.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(response => response.StatusCode != HttpStatusCode.Created))
        {
            var problem = await BcpClient.ReadProblemAsync(refused, HttpStatusCode.Conflict);
            Assert.AreEqual("/problems/too-many-webhooks", problem.GetProperty("type").GetString());
        }

        Assert.AreEqual(10, JsonDocument.Parse(await admin.GetStringAsync(path)).RootElement.GetArrayLength());
        Assert.AreEqual(10, (await BcpClient.GetAuditAsync(admin, pair.PairId)).Count(e => e.Action == "webhook-create"));
    }

    [TestMethod]
    public async Task LoopbackHttpTarget_IsAllowedInDevelopment()
    {
        await using var host = await StartAsync("Development");
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);

        await WebhookClient.RegisterAsync(admin, pair.PairId, "http://localhost:9/hooks", "switch.succeeded");
    }

    [TestMethod]
    public async Task Webhooks_AreForTheirPairsAdminsAndOperators()
    {
        await using var host = await StartAsync("Development");
        var pair = await BcpClient.CreatePairAsync(host);
        var other = await BcpClient.CreatePairAsync(host, "Other Inc.");
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var (webhookId, _) = await WebhookClient.RegisterAsync(admin, pair.PairId, "http://127.0.0.1:9/", "switch.succeeded");
        var path = $"/tenant-pairs/{pair.PairId}/webhooks";

        using var reader = host.ClientFor(pair.PrimaryTenantId, "reader-1", Permissions.SyncEdit);
        await BcpClient.ReadProblemAsync(await reader.GetAsync(path), HttpStatusCode.Forbidden);
        await BcpClient.ReadProblemAsync(await reader.PostAsJsonAsync(path, new { url = "http://127.0.0.1:9/", events = new[] { "switch.succeeded" } }), HttpStatusCode.Forbidden);
        using var stranger = host.ClientFor(other.PrimaryTenantId, "admin-2", Permissions.ActivationEdit);
        await BcpClient.ReadProblemAsync(await stranger.GetAsync(path), HttpStatusCode.NotFound);
        await BcpClient.ReadProblemAsync(await stranger.DeleteAsync($"{path}/{webhookId}"), HttpStatusCode.NotFound);
        await BcpClient.ReadProblemAsync(await stranger.GetAsync($"{path}/{webhookId}/deliveries"), HttpStatusCode.NotFound);
        await BcpClient.ReadProblemAsync(await admin.DeleteAsync($"{path}/0123456789abcdef0123456789abcdef"), HttpStatusCode.NotFound);
        await BcpClient.ReadProblemAsync(await admin.GetAsync($"/tenant-pairs/{other.PairId}/webhooks/{webhookId}/deliveries"), HttpStatusCode.NotFound);

        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);
        Assert.AreEqual(HttpStatusCode.OK, (await operatorClient.GetAsync(path)).StatusCode);
        Assert.AreEqual(HttpStatusCode.NoContent, (await operatorClient.DeleteAsync($"{path}/{webhookId}")).StatusCode);
    }

    private static async Task AssertRefusedAsync(HttpClient admin, string pairId, IEnumerable<string> urls)
    {
        foreach (var url in urls)
        {
            var response = await admin.PostAsJsonAsync($"/tenant-pairs/{pairId}/webhooks", new { url, events = new[] { "switch.succeeded" } });
            Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, url);
            var problem = await BcpClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.AreEqual("/problems/validation", problem.GetProperty("type").GetString(), url);
        }
    }

    private Task<ApiHost> StartAsync(string environment) =>
        ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), environment: environment);
}

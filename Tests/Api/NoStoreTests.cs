using System.Net;
using System.Net.Http.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Api;

/// <summary>Every answer that carries a passkey, a signing secret or a token says <c>Cache-Control: no-store</c>.</summary>
[TestClass]
public sealed class NoStoreTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task SecretBearingAnswers_AreNoStore()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), environment: "Development");
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);
        var primary = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc.", "us-east");
        var bcp = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc. BCP", "eu-west");

        var created = await operatorClient.PostAsJsonAsync("/tenant-pairs", new { primaryTenantId = primary, bcpTenantId = bcp });
        await AssertNoStoreAsync(created, HttpStatusCode.Created, "passkey");
        var pairId = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("pairId").GetString();

        await AssertNoStoreAsync(await operatorClient.PostAsync($"/tenant-pairs/{pairId}/passkey/rotate", null), HttpStatusCode.OK, "passkey");
        await AssertNoStoreAsync(
            await operatorClient.PostAsJsonAsync($"/tenant-pairs/{pairId}/webhooks", new { url = "http://127.0.0.1:9/hooks", events = new[] { "switch.succeeded" } }),
            HttpStatusCode.Created, "secret");
        await AssertNoStoreAsync(
            await host.Client.PostAsJsonAsync("/dev/tokens", new { tenantId = "ops", userId = "operator-1", permissions = new[] { Permissions.Setup } }),
            HttpStatusCode.OK, "token");
    }

    private static async Task AssertNoStoreAsync(HttpResponseMessage response, HttpStatusCode expected, string secretField)
    {
        Assert.AreEqual(expected, response.StatusCode, response.RequestMessage?.RequestUri?.ToString());
        Assert.IsTrue(response.Headers.CacheControl?.NoStore == true, $"{response.RequestMessage?.RequestUri}: Cache-Control {response.Headers.CacheControl}");
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), $"\"{secretField}\"");
    }
}

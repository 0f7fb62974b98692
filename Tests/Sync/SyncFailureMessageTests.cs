using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Webhooks;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>
/// A failed run's report, audit entry and <c>sync.failed</c> event say a stable code and a message written for it:
/// the exception's own text (storage URIs, key layout) stays in the node's log.
/// </summary>
[TestClass]
public sealed class SyncFailureMessageTests
{
    private const string StoreUri = "https://bcpeuwest.blob.core.windows.net/bcp-eu-west";
    private const string KeyLayout = "tenants/abc/skills/0123";

    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    [DataRow("store-unavailable", "A store the run reads or writes was unreachable")]
    [DataRow("run-error", "unexpected error")]
    public async Task AFailedRun_SaysItsCodeAndASafeMessage_NeverTheExceptionsText(string code, string says)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), environment: "Development", services: FailingRegionStores.Install());
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit, Permissions.ActivationEdit);
        await WebhookClient.RegisterAsync(admin, pair.PairId, receiver.Url, "sync.failed");
        await TenantData.PrimaryOf(host, pair).AddAsync(EntityTypes.Skills, new { name = "Billing" });
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        var raw = $"Blob store {StoreUri} is unreachable (write {KeyLayout}): 403 AuthorizationFailure";
        ((FailingRegionStores)host.Services.GetRequiredService<IObjectStoreProvider>()).FailWrites(
            "eu-west", () => code == "store-unavailable" ? new StoreUnavailableException(raw) : new InvalidOperationException(raw));

        var report = await SyncClient.RunAsync(admin, pair.PairId);

        Assert.AreEqual((SyncOutcome.Failed, code), (report.Outcome, report.ErrorCode), report.Error);
        StringAssert.Contains(report.Error, says);
        var failed = await receiver.WaitForAsync(r => r.Type == "sync.failed", TimeSpan.FromSeconds(10));
        var details = failed.Json.GetProperty("data").GetProperty("details");
        Assert.AreEqual((code, report.Error), (details.GetProperty("errorCode").GetString(), details.GetProperty("error").GetString()));
        var audited = System.Text.Json.JsonSerializer.Serialize(await BcpClient.GetAuditAsync(admin, pair.PairId));
        foreach (var shown in new[] { report.Error!, failed.Json.ToString(), audited })
        {
            Assert.DoesNotContain("blob.core", shown);
            Assert.DoesNotContain(KeyLayout, shown);
        }

        Assert.IsTrue(host.Logs.Lines.Any(line => line.Contains(StoreUri, StringComparison.Ordinal)), "the details are in the log");
    }
}

using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Audit;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Hosting;

/// <summary>
/// A node stops promptly even while its pair grain's hand-off to the audit trail waits on a call that gets no answer
/// (as one to a grain that cannot be placed on a stopping silo does); the entries stay committed with the pair and are
/// audited, once, when the pair is next active.
/// </summary>
[TestClass]
public sealed class NodeStopTests
{
    // Orleans gives a stopping silo's grains 30 s to deactivate; a node that waits that long on a hand-off was stuck.
    private static readonly TimeSpan PromptStop = TimeSpan.FromSeconds(10);

    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Stop_WhileTheAuditHandOffGetsNoAnswer_IsPrompt_AndTheSwitchIsAuditedOnceAfterARestart()
    {
        var store = StoreSetup.Sqlite(_folder.File("bcp.db"));
        var held = new HeldGrainCalls();
        var host = await ApiHost.StartAsync(store, services: services => services.AddSingleton<IOutgoingGrainCallFilter>(held));
        var stopped = false;
        var pair = await BcpClient.CreatePairAsync(host);
        try
        {
            held.Hold(call => call.InterfaceMethod?.DeclaringType == typeof(IPairAuditGrain) && call.InterfaceMethod.Name == nameof(IPairAuditGrain.AppendAsync));
            using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
            using var switched = await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey);
            Assert.AreEqual(HttpStatusCode.OK, switched.StatusCode, await switched.Content.ReadAsStringAsync());
            await Poll.UntilAsync(() => Task.FromResult(held.Count > 0), TimeSpan.FromSeconds(20), "the pair grain hands the switch's entry to the trail");

            var clock = Stopwatch.StartNew();
            stopped = true;
            await host.DisposeAsync();
            Assert.IsLessThan(PromptStop, clock.Elapsed, "the node stopped without waiting out the hand-off");
        }
        finally
        {
            held.Release();
            if (!stopped)
            {
                await host.DisposeAsync();
            }
        }

        await using var again = await ApiHost.StartAsync(store);
        using var auditor = again.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var audit = await BcpClient.GetAuditAsync(auditor, pair.PairId);
        Assert.AreEqual(1, audit.Count(entry => entry.Action == "switch" && entry.Outcome == "switched"), "the switch is audited once");
    }
}

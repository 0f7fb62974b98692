using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Pairs;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Grains;

/// <summary>
/// A node hashes passkeys on at most half of its cores (Grains/Pairs/PasskeyHashing.cs): switches past that wait their
/// turn, are counted by <c>bcp.passkey.checks.waiting</c>, and all switch.
/// </summary>
[TestClass]
public sealed class PasskeyHashingTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task ManySwitchesAtOnce_WaitForTheHashingCores_AndAllSwitch()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var hashing = host.Services.GetRequiredService<PasskeyHashing>();
        // Six switches for every core the node hashes on, each on a pair of its own.
        var count = 6 * Math.Max(1, Environment.ProcessorCount / 2) + 6;
        var pairs = new List<TestPair>();
        for (var i = 0; i < count; i++)
        {
            pairs.Add(await BcpClient.CreatePairAsync(host));
        }

        // Sampled on a thread of its own, so a busy thread pool cannot delay it past the switches.
        var mostWaiting = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Factory.StartNew(() =>
        {
            while (!sampling.IsCancellationRequested)
            {
                mostWaiting = Math.Max(mostWaiting, hashing.Waiting);
                Thread.Sleep(1);
            }
        }, TaskCreationOptions.LongRunning);
        var answers = await Task.WhenAll(pairs.Select(async pair =>
        {
            using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
            using var response = await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey);
            return response.StatusCode;
        }));
        await sampling.CancelAsync();
        await sampler;

        Assert.IsTrue(answers.All(status => status == HttpStatusCode.OK), string.Join(", ", answers));
        Assert.IsGreaterThanOrEqualTo(1, mostWaiting, "switches past the hashing cores waited for one");
        Assert.AreEqual(0, hashing.Waiting, "none waits once all are answered");
    }
}

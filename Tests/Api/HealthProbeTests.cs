using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Api.Health;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Api;

/// <summary>
/// Anonymous <c>/health</c> answers from a shared probe at most 1 s old: a burst of callers costs each store at most one
/// ping a second, and an outage of the control store still turns the answer to 503 within two seconds.
/// </summary>
[TestClass]
// Alone: it bounds how soon /health sees a store down (2 s) and measures the gaps between pings.
[DoNotParallelize]
public sealed class HealthProbeTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task ConcurrentCallers_ShareOneProbe_AndAControlOutageStillShowsWithinTwoSeconds()
    {
        var tap = new WriteTap();
        await using var host = await ApiHost.StartAsync(
            StoreSetup.Sqlite(_folder.File("bcp.db")),
            settings: new Dictionary<string, string?>
            {
                ["Storage:Stores:us-east:Provider"] = "sqlite",
                ["Storage:Stores:us-east:Path"] = _folder.File("us-east.db"),
            },
            services: TappedStoreProvider.Install(tap));
        var stores = host.Services.GetRequiredService<IObjectStoreProvider>();
        var (control, region) = (stores.Get(StorageNames.Control), stores.Get("us-east"));
        var since = Stopwatch.GetTimestamp();

        var burst = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => ReadHealthAsync(host.Client)));
        foreach (var (status, body) in burst)
        {
            Assert.AreEqual(HttpStatusCode.OK, status, body.ToJsonString());
            Assert.AreEqual("healthy", body["status"]!.GetValue<string>());
            Assert.AreEqual("reachable", body["stores"]!["default"]!.GetValue<string>());
            Assert.AreEqual("reachable", body["stores"]!["us-east"]!.GetValue<string>());
        }

        Assert.IsTrue(tap.PingsOf(control).Any(at => at > since), "the burst pinged the control store");
        Assert.IsTrue(tap.PingsOf(region).Any(at => at > since), "the burst pinged the region's store");

        // The region's store refuses: degraded (200) once the probe in use is over a second old.
        tap.RefusePings(region);
        var (degradedAfter, degraded) = await PollUntilAsync(host.Client, "degraded");
        Assert.AreEqual(HttpStatusCode.OK, degraded.Status, degraded.Body.ToJsonString());
        Assert.AreEqual("unreachable", degraded.Body["stores"]!["us-east"]!.GetValue<string>());
        tap.RefusePings(null);
        await PollUntilAsync(host.Client, "healthy");

        // The control store refuses: unhealthy (503) within two seconds, polled by many callers at once.
        tap.RefusePings(control);
        var (unhealthyAfter, unhealthy) = await PollUntilAsync(host.Client, "unhealthy");
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, unhealthy.Status, unhealthy.Body.ToJsonString());
        Assert.AreEqual("unreachable", unhealthy.Body["stores"]!["default"]!.GetValue<string>());
        Console.WriteLine($"/health saw the region's store down after {degradedAfter.TotalMilliseconds:F0} ms, the control store after {unhealthyAfter.TotalMilliseconds:F0} ms");
        Assert.IsTrue(degradedAfter < TimeSpan.FromSeconds(2), $"degraded after {degradedAfter}");
        Assert.IsTrue(unhealthyAfter < TimeSpan.FromSeconds(2), $"unhealthy after {unhealthyAfter}");

        // Over the whole test (50 callers at once, then 10 callers every 50 ms) each store was pinged at most once a second.
        // The bound is on the probes' starts; a ping begins when its probe's task first runs, a few milliseconds later
        // or sooner from one probe to the next (a CI run saw 996 ms between two pings), hence the slack.
        var slack = TimeSpan.FromMilliseconds(100);
        foreach (var (name, store) in new[] { ("control", control), ("us-east", region) })
        {
            var pings = tap.PingsOf(store).Where(at => at > since).ToList();
            var gaps = pings.Zip(pings.Skip(1), (first, next) => Stopwatch.GetElapsedTime(first, next)).ToList();
            Console.WriteLine($"{name}: {pings.Count} pings, shortest gap {(gaps.Count == 0 ? "-" : $"{gaps.Min().TotalMilliseconds:F0} ms")}");
            Assert.IsTrue(gaps.All(gap => gap >= HealthProbe.MaxAge - slack), $"{name}: pings {string.Join(", ", gaps.Select(gap => $"{gap.TotalMilliseconds:F0} ms"))} apart");
        }
    }

    /// <summary>Ten callers at once every 50 ms until one answers <paramref name="expected"/>; how long that took.</summary>
    private static async Task<(TimeSpan After, (HttpStatusCode Status, JsonObject Body) Answer)> PollUntilAsync(HttpClient client, string expected)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10))
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => ReadHealthAsync(client)));
            if (answers.FirstOrDefault(answer => answer.Body["status"]!.GetValue<string>() == expected) is { Body: not null } match)
            {
                return (Stopwatch.GetElapsedTime(started), match);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        throw new AssertFailedException($"/health never answered {expected} within 10 s");
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> ReadHealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health");
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }
}

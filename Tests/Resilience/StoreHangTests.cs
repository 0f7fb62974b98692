using System.Diagnostics;
using System.Globalization;
using System.Net;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// The store hangs (its process stopped where it is: connections taken, nothing answered), as an overloaded store
/// does under a switch storm. Whatever waited on it is answered a 503 problem once the store client gives up — a
/// switch whose grain cannot write its state, a login that cannot read its username — never a 500; once the store
/// answers again, so does the node.
/// </summary>
[TestClass]
[TestCategory("Resilience")]
public sealed class StoreHangTests
{
    // The store client's bound here is three tries of the 2 s network timeout set below, with the retries' delays (~7 s),
    // twice: the warm-up switch hands its entries to the audit grain just after its reply, and that write, caught by the
    // hang, is ahead of the next switch's number in the audit grain. With the default 5 s timeout the same is ~32 s, so an
    // answer within this bound also shows that Storage:Default:NetworkTimeout is honoured.
    private static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(25);

    [TestMethod]
    public async Task HungStore_Answers503ProblemsNotA500_AlsoFromAnotherSilo_AndTheNodeRecovers()
    {
        await using var azurite = await AzuriteInstance.StartNewAsync();
        var settings = new Dictionary<string, string?>(StoreSetup.Blob(azurite.ConnectionString, "bcp").Settings)
        {
            ["Storage:Default:NetworkTimeout"] = NetworkTimeout.ToString("c", CultureInfo.InvariantCulture),
        };
        var nodes = await NodeProcess.StartApisAsync(2, settings);
        await using var nodeA = nodes[0];
        await using var nodeB = nodes[1];
        var pair = await StoreOutageTests.SetUpAsync(nodeA);
        using var adminA = nodeA.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        using var adminB = nodeB.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        using var login = nodeB.ClientFor("platform", "login-service", Permissions.LoginRead);
        adminA.Timeout = adminB.Timeout = login.Timeout = Bound;
        using (var warm = await BcpClient.SwitchAsync(adminA, pair.PairId, "bcp", pair.Passkey))
        {
            Assert.AreEqual(HttpStatusCode.OK, warm.StatusCode, "the pair's grains are active before the store hangs");
        }

        await azurite.FreezeAsync();
        var clock = Stopwatch.StartNew();
        // The pair's grains were activated through node A (and are placed there unless it is busier): through node B the
        // storage failure comes back from another silo, as the wrapper's message only.
        var answers = await Task.WhenAll(
            AnswerAsync("switch through node B", () => BcpClient.SwitchAsync(adminB, pair.PairId, "primary", pair.Passkey)),
            AnswerAsync("login of a username not kept", () => login.GetAsync("/login/options?username=someone.else@classics.example")));
        var waited = clock.Elapsed;
        await azurite.ThawAsync();

        foreach (var (what, status, mediaType, body) in answers)
        {
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, status, $"{what}: {body}");
            Assert.AreEqual("application/problem+json", mediaType, what);
            StringAssert.Contains(body, "store-unavailable", what);
            Assert.IsFalse(body.Contains("Exception", StringComparison.Ordinal), $"{what} names no internal type: {body}");
        }

        Assert.IsTrue(waited < Bound, $"answered within {Bound.TotalSeconds:0} s, not {waited.TotalSeconds:0} s");
        await Poll.UntilAsync(async () =>
        {
            using var again = await BcpClient.SwitchAsync(adminB, pair.PairId, "primary", pair.Passkey);
            return again.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(30), "a switch succeeds once the store answers again");
    }

    private static async Task<(string What, HttpStatusCode Status, string? MediaType, string Body)> AnswerAsync(string what, Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        using var response = await send();
        Console.WriteLine($"store hang: {what} answered {(int)response.StatusCode} after {clock.Elapsed.TotalSeconds:0.0} s");
        return (what, response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }
}

using System.Diagnostics;
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
    // The store client's bound: three tries of its 5 s network timeout, with the retries' delays, and the grain call's way back.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(40);

    [TestMethod]
    public async Task HungStore_Answers503ProblemsNotA500_AndTheNodeRecovers()
    {
        await using var azurite = await AzuriteInstance.StartNewAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Default:Provider"] = "blob",
            ["Storage:Default:ConnectionString"] = azurite.ConnectionString,
            ["Storage:Default:Container"] = "bcp",
        };
        await using var node = (await NodeProcess.StartApisAsync(1, settings))[0];
        var pair = await StoreOutageTests.SetUpAsync(node);
        using var admin = node.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        using var login = node.ClientFor("platform", "login-service", Permissions.LoginRead);
        admin.Timeout = login.Timeout = Bound;
        using (var warm = await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey))
        {
            Assert.AreEqual(HttpStatusCode.OK, warm.StatusCode, "the pair's grains are active before the store hangs");
        }

        await azurite.FreezeAsync();
        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(
            AnswerAsync("switch", () => BcpClient.SwitchAsync(admin, pair.PairId, "primary", pair.Passkey)),
            AnswerAsync("login of a username not kept", () => login.GetAsync("/login/options?username=someone.else@classics.example")));
        var waited = clock.Elapsed;
        await azurite.ThawAsync();

        foreach (var (what, status, mediaType, body) in answers)
        {
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, status, $"{what}: {body}");
            Assert.AreEqual("application/problem+json", mediaType, what);
            StringAssert.Contains(body, "unavailable", what);
            Assert.IsFalse(body.Contains("Exception", StringComparison.Ordinal), $"{what} names no internal type: {body}");
        }

        Assert.IsTrue(waited < Bound, $"answered within {Bound.TotalSeconds:0} s, not {waited.TotalSeconds:0} s");
        await Poll.UntilAsync(async () =>
        {
            using var again = await BcpClient.SwitchAsync(admin, pair.PairId, "primary", pair.Passkey);
            return again.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(30), "a switch succeeds once the store answers again");
    }

    private static async Task<(string What, HttpStatusCode Status, string? MediaType, string Body)> AnswerAsync(string what, Func<Task<HttpResponseMessage>> send)
    {
        using var response = await send();
        return (what, response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }
}

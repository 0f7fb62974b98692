using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Readiness;
using Orleans.Bcp.Tests.Sync;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>The readiness report on BC Activation, next to the toggle, in a real browser (docs/readiness.md).</summary>
[TestClass]
public sealed class ReadinessConsoleTests
{
    private static ConsoleFixture _fixture = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await ConsoleFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task FreshPair_ShowsNotReady_WithTheFailingCheck_AndAfterASyncWithBcpUsers_Ready()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        await browser.SignInAsync(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        await browser.GoToAsync("BC Activation");
        var page = browser.Page;

        await Expect(page.GetByTestId("readiness-verdict")).ToHaveAttributeAsync("data-verdict", "not-ready");
        await Expect(page.GetByTestId("readiness-verdict")).ToContainTextAsync("Not ready");
        await Expect(page.GetByTestId("readiness-check-last-sync")).ToHaveAttributeAsync("data-status", "fail");
        await Expect(page.GetByTestId("readiness-check-last-sync")).ToContainTextAsync("Never synced");
        await Expect(page.GetByTestId("readiness-check-bcp-access")).ToContainTextAsync("Nobody can log in to the BCP tenant");

        await ReadinessTenant.SeedAsync(_fixture.Host, pair);
        using var admin = _fixture.PrimaryAdmin(pair);
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.RunAsync(admin, pair.PairId);

        // A node keeps a pair's report for 2 s: refresh until the one after the sync shows.
        var verdict = page.GetByTestId("readiness-verdict");
        for (var attempt = 0; attempt < 20 && await verdict.GetAttributeAsync("data-verdict") == "not-ready"; attempt++)
        {
            await Task.Delay(500);
            await page.GetByTestId("readiness-refresh").ClickAsync();
        }

        await Expect(verdict).ToHaveAttributeAsync("data-verdict", new System.Text.RegularExpressions.Regex("^(ready|degraded)$"));
        await Expect(page.GetByTestId("readiness-check-last-sync")).ToHaveAttributeAsync("data-status", "pass");
        await Expect(page.GetByTestId("readiness-check-bcp-access")).ToHaveAttributeAsync("data-status", "pass");
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Sync;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>The Sync page in a real browser: run now, live progress while it runs, then its counts; a skipped run says why.</summary>
[TestClass]
public sealed class SyncConsoleTests
{
    private static readonly WriteTap Tap = new();
    private static ConsoleFixture _fixture = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) =>
        _fixture = await ConsoleFixture.StartAsync(TappedStoreProvider.Install(Tap));

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task RunNow_ShowsProgressWhileItRuns_ThenItsCounts()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        using (var admin = _fixture.PrimaryAdmin(pair))
        {
            await ClassicsTenant.SeedAsync(admin, pair.PrimaryTenantId);
            // A run while sync is disabled is skipped (skip reason "disabled").
            await SyncClient.ConfigureAsync(admin, pair.PairId);
        }

        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        var page = browser.Page;
        await browser.SignInAsync(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        await browser.GoToAsync("Sync");
        // The run's writes of BCP users wait until released: it stays "running" for as long as the test looks,
        // with the types before users in sync order done and the rest still to do.
        Tap.HoldWrites(key => key.StartsWith($"config/{pair.BcpTenantId}/users/", StringComparison.Ordinal));
        bool progressShown;
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
            var current = page.GetByTestId("current-run");
            await Expect(current.GetByTestId("run-outcome")).ToHaveTextAsync("Running…");
            progressShown = await AppearsAsync(current.GetByTestId("run-progress"));
        }
        finally
        {
            Tap.ReleaseWrites();
        }

        var run = page.GetByTestId("current-run");
        await Expect(run.GetByTestId("run-outcome")).ToHaveTextAsync("Succeeded.", new() { Timeout = 60_000 });
        var counts = run.GetByTestId("run-counts");
        await Expect(counts.GetByRole(AriaRole.Row, new() { Name = "skills" })).ToHaveTextAsync(new Regex($@"^skills\s*{ClassicsTenant.Skills}\s*0\s*0\s*0\s*0$"));
        await Expect(counts.GetByRole(AriaRole.Row, new() { Name = "points-of-contact" })).ToHaveTextAsync(new Regex(@"^points-of-contact\s*1\s*0\s*0\s*0\s*1$"));
        await Expect(page.GetByTestId("run-history").GetByTestId("run-outcome").First).ToHaveTextAsync("Succeeded.");
        Assert.IsTrue(progressShown, "a running run shows its progress per type (needs the run report's `progress`: {type: {planned, done}})");
    }

    [TestMethod]
    public async Task RunWhileTheBcpTenantIsActive_IsSkipped_AndSaysWhy()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        using (var admin = _fixture.PrimaryAdmin(pair))
        {
            await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        }

        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        await browser.SignInAsync(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        await browser.GoToAsync("Sync");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();

        var outcome = browser.Page.GetByTestId("current-run").GetByTestId("run-outcome");
        await Expect(outcome).ToContainTextAsync("Skipped");
        await Expect(outcome).ToHaveTextAsync(
            "Skipped: the BCP tenant is active, so nothing was copied (sync pauses while the BCP side is active).",
            new() { Timeout = 5_000 });
    }

    [TestMethod]
    public async Task Settings_EnabledCustomTypesAndScriptRewrite_AreSaved()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        var page = browser.Page;
        await browser.SignInAsync(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        await browser.GoToAsync("Sync");
        var skills = page.GetByRole(AriaRole.Checkbox, new() { Name = "skills", Exact = true });
        await Expect(skills).ToBeDisabledAsync();
        await Expect(skills).ToBeCheckedAsync();

        await page.GetByLabel("Daily sync enabled").CheckAsync();
        await page.GetByLabel("Custom: the types chosen below").CheckAsync();
        foreach (var type in new[] { "agent-settings", "business-unit-settings", "dispositions", "hours-of-operation", "points-of-contact", "files", "scripts", "teams" })
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = type, Exact = true }).UncheckAsync();
        }

        await page.GetByLabel("Rewrite entity ids in BCP copies of scripts").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();

        await Expect(page.GetByTestId("sync-settings-message")).ToContainTextAsync("Saved. Next daily run:");
        using var admin = _fixture.PrimaryAdmin(pair);
        var settings = await admin.GetFromJsonAsync<JsonElement>($"/tenant-pairs/{pair.PairId}/sync");
        Assert.IsTrue(settings.GetProperty("enabled").GetBoolean());
        Assert.AreEqual("custom", settings.GetProperty("mode").GetString());
        CollectionAssert.AreEquivalent(new[] { "skills", "roles", "users" },
            settings.GetProperty("entityTypes").EnumerateArray().Select(type => type.GetString()).ToArray());
        Assert.IsTrue(settings.GetProperty("rewriteScriptIds").GetBoolean());
    }

    [TestMethod]
    public async Task HeldDeletes_AreShownPerType_AndTheReleaseButtonAppliesThem()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        var primary = TenantData.PrimaryOf(_fixture.Host, pair);
        var skills = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            skills.Add(await primary.AddAsync(EntityTypes.Skills, new { name = $"Skill {i}" }));
        }

        using (var admin = _fixture.PrimaryAdmin(pair))
        {
            await SyncClient.ConfigureAsync(admin, pair.PairId);
            await SyncClient.RunAsync(admin, pair.PairId);
            foreach (var id in skills.Take(22))
            {
                await primary.DeleteAsync(EntityTypes.Skills, id);
            }

            Assert.AreEqual(22, (await SyncClient.RunAsync(admin, pair.PairId)).HeldDeletes!.Single().Count);
        }

        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        var page = browser.Page;
        await browser.SignInAsync(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        await browser.GoToAsync("Sync");
        var held = page.GetByTestId("run-history").GetByTestId("held-deletes").First;
        await Expect(held.GetByTestId("held-skills")).ToContainTextAsync("skills 22 of 25 BCP copies (deletes-held)");

        await held.GetByRole(AriaRole.Button, new() { Name = "Release held deletes" }).ClickAsync();

        await Expect(page.GetByTestId("run-message")).ToContainTextAsync("released");
        var applied = page.GetByTestId("current-run");
        await Expect(applied.GetByTestId("run-outcome")).ToHaveTextAsync("Succeeded.", new() { Timeout = 60_000 });
        await Expect(applied.GetByTestId("run-counts").GetByRole(AriaRole.Row, new() { Name = "skills" })).ToHaveTextAsync(new Regex(@"^skills\s*0\s*0\s*22\s*3\s*0$"));
        await Expect(page.GetByTestId("held-released").First).ToContainTextAsync("Released by admin-1");
        Assert.AreEqual(3, await TenantData.BcpOf(_fixture.Host, pair).CountAsync(EntityTypes.Skills));
    }

    private static async Task<bool> AppearsAsync(ILocator locator)
    {
        try
        {
            await locator.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 10_000 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}

using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Access;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Sync;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>
/// The console for a tenant admin at 3 a.m. during an outage (docs/console.md): a switch whose answer is lost, the switch
/// above the fold, a prompt that names what the switch does, the lock on the toggle, the overwrite warning on the way back,
/// tables that fit the window, the BCP copy's age on the Overview, and a username search on BCP access.
/// </summary>
[TestClass]
public sealed class OutageConsoleTests
{
    private const string Checking = "The switch may or may not have happened — checking…";

    private static ConsoleFixture _fixture = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await ConsoleFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task SwitchRequestFails_SaysItMayOrMayNotHaveHappened_ReadsTheStatusUntilItAnswers_AndSaysNothingChanged()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using var browser = await OpenActivationAsync(pair.PrimaryTenantId);
        var page = browser.Page;
        // The request never reaches the server, and the server stays unreachable for the next two status reads.
        var unreachableReads = 0;
        await page.RouteAsync($"**/tenant-pairs/{pair.PairId}/active-side", async route =>
        {
            if (route.Request.Method == "PUT")
            {
                unreachableReads = 2;
                await route.AbortAsync("internetdisconnected");
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await FailStatusReadsAsync(page, pair.PairId, () => Interlocked.Decrement(ref unreachableReads) >= 0);

        await SubmitAsync(page, "bcp", pair.Passkey);

        await Expect(Result(page)).ToContainTextAsync(Checking);
        await Expect(Result(page)).ToContainTextAsync("The switch did not happen. Classics Inc. (the primary tenant) is active, epoch 0.");
        Assert.IsLessThan(0, Volatile.Read(ref unreachableReads), "the page read the status again after the failed reads");
        await Expect(page.GetByTestId("active-side")).ToHaveTextAsync("Primary tenant");
        using var admin = _fixture.PrimaryAdmin(pair);
        Assert.AreEqual(0L, (await BcpClient.GetStatusAsync(admin, pair.PairId)).Epoch, "nothing changed");
    }

    [TestMethod]
    public async Task SwitchAnswerIsLost_SaysItMayOrMayNotHaveHappened_ThenThatItHappened()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using var browser = await OpenActivationAsync(pair.PrimaryTenantId);
        var page = browser.Page;
        // The server switches, but its answer never reaches the browser; the next two status reads fail too.
        var unreachableReads = 0;
        await page.RouteAsync($"**/tenant-pairs/{pair.PairId}/active-side", async route =>
        {
            if (route.Request.Method == "PUT")
            {
                await route.FetchAsync();
                unreachableReads = 2;
                await route.AbortAsync("connectionreset");
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await FailStatusReadsAsync(page, pair.PairId, () => Interlocked.Decrement(ref unreachableReads) >= 0);

        await SubmitAsync(page, "bcp", pair.Passkey);

        await Expect(Result(page)).ToContainTextAsync(Checking);
        await Expect(Result(page)).ToContainTextAsync("The switch happened");
        await Expect(Result(page)).ToContainTextAsync("Classics Inc. BCP (the BCP tenant) is active, epoch 1.");
        await Expect(page.GetByTestId("relogin")).ToHaveTextAsync("Users must log out and log in again.");
        await Expect(page.GetByTestId("active-side")).ToHaveTextAsync("BCP tenant");
        await Expect(Toggle(page)).ToHaveAttributeAsync("aria-checked", "true");
    }

    [TestMethod]
    public async Task At1280x900_TheToggleIsInTheViewport_WithTheReadinessVerdictBesideIt()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using var browser = await OpenActivationAsync(pair.PrimaryTenantId);
        var page = browser.Page;
        await page.SetViewportSizeAsync(1280, 900);
        // The full report is drawn (it used to push the switch down).
        await Expect(page.GetByTestId("readiness-check-bcp-access")).ToBeVisibleAsync();

        Assert.AreEqual(0, await page.EvaluateAsync<int>("() => window.scrollY"), "not scrolled");
        await Expect(Toggle(page)).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(page.GetByTestId("switch-readiness")).ToContainTextAsync("Not ready");
        await Expect(page.GetByTestId("switch-readiness")).ToBeInViewportAsync(new() { Ratio = 1 });
    }

    [TestMethod]
    public async Task Prompt_NamesTheTenantThatTakesTraffic_TheVerdict_TheUsersDenied_AndAttemptsLeft()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        using var admin = _fixture.PrimaryAdmin(pair);
        var ids = new List<string>();
        foreach (var name in new[] { "ichabod", "katrina", "brom" })
        {
            ids.Add(await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, "users", new { username = ConfigSamples.UniqueUsername(name) }));
        }

        (await AccessClient.PutBcpTypeAsync(admin, pair.PrimaryTenantId, ids[0], "single")).EnsureSuccessStatusCode();
        await using var browser = await OpenActivationAsync(pair.PrimaryTenantId);
        var page = browser.Page;
        await Expect(page.GetByTestId("readiness-check-bcp-access")).ToContainTextAsync("1 of 3 users may log in");

        await Toggle(page).ClickAsync();

        var prompt = page.GetByTestId("switch-prompt");
        await Expect(prompt.GetByTestId("prompt-target")).ToHaveTextAsync($"Classics Inc. BCP (the BCP tenant, tenant {pair.BcpTenantId}) will take contact traffic and logins.");
        await Expect(prompt.GetByTestId("prompt-readiness")).ToContainTextAsync("Readiness: Not ready");
        await Expect(prompt.GetByTestId("prompt-denied")).ToHaveTextAsync("2 users of Classics Inc. will be denied a login to the BCP tenant (BCP type none).");
        await Expect(prompt.GetByTestId("prompt-attempts")).ToHaveTextAsync("5 wrong passkeys left before switching is locked for you.");
        await Expect(prompt.GetByTestId("prompt-overwrite")).ToHaveCountAsync(0);
    }

    [TestMethod]
    public async Task WrongPasskeys_CountDownInThePrompt_UntilLocked_ThenTheToggleIsDisabledWithTheCountdown()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using var browser = await OpenActivationAsync(pair.PrimaryTenantId);
        var page = browser.Page;
        var attempts = page.GetByTestId("switch-prompt").GetByTestId("prompt-attempts");
        await Expect(Toggle(page)).ToBeEnabledAsync();

        // The fixture's limit: 5 wrong passkeys per user (ActivationConsoleTests).
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await SubmitAsync(page, "bcp", $"WRONG-{attempt}", openForm: attempt == 1);
            await Expect(Result(page)).ToContainTextAsync("Wrong passkey.");
            if (attempt < 5)
            {
                var left = 5 - attempt;
                await Expect(attempts).ToHaveTextAsync($"{left} wrong passkey{(left == 1 ? "" : "s")} left before switching is locked for you.");
            }
        }

        await Expect(attempts).ToContainTextAsync("Switching is locked");
        await Expect(Toggle(page)).ToBeDisabledAsync();
        var countdown = page.GetByTestId("toggle-locked").GetByTestId("countdown");
        await Expect(countdown).ToHaveTextAsync(new Regex(@"^1[45]:\d\d$"));
        var first = await countdown.InnerTextAsync();
        await Expect(countdown).Not.ToHaveTextAsync(first, new() { Timeout = 5_000 });
    }

    [TestMethod]
    public async Task ReturnPrompt_WarnsThatChangesInTheBcpTenantAreOverwrittenBySync()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        using (var admin = _fixture.PrimaryAdmin(pair))
        {
            await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        }

        await using var browser = await OpenActivationAsync(pair.BcpTenantId);
        var page = browser.Page;
        await Expect(Toggle(page)).ToHaveAttributeAsync("aria-checked", "true");
        await Toggle(page).ClickAsync();

        var prompt = page.GetByTestId("switch-prompt");
        await Expect(prompt.GetByTestId("prompt-target")).ToHaveTextAsync($"Classics Inc. (the primary tenant, tenant {pair.PrimaryTenantId}) will take contact traffic and logins.");
        await Expect(prompt.GetByTestId("prompt-overwrite")).ToContainTextAsync("Changes made in the BCP tenant will be overwritten by the sync after the return");
        await Expect(prompt.GetByTestId("prompt-denied")).ToHaveCountAsync(0);
    }

    [TestMethod]
    [DataRow("Audit log")]
    [DataRow("Notifications")]
    public async Task At1280Wide_TheTablesScrollInTheirOwnContainer_NotThePage(string title)
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        // Long words that cannot wrap: a webhook's URL, and an operator's switch reason in the audit trail.
        var longWord = new string('w', 400);
        using (var admin = _fixture.PrimaryAdmin(pair))
        {
            using var added = await ConfigClient.SendAsync(admin, HttpMethod.Post, $"/tenant-pairs/{pair.PairId}/webhooks",
                ConfigClient.Json(new { url = $"http://127.0.0.1:9/{longWord}", events = new[] { "switch.succeeded" } }));
            added.EnsureSuccessStatusCode();
        }

        using (var ops = _fixture.Host.ClientFor("ops", "operator-1", Permissions.Setup))
        {
            (await BcpClient.SwitchAsync(ops, pair.PairId, "bcp", null, $"outage {longWord}")).EnsureSuccessStatusCode();
        }

        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        var page = browser.Page;
        await browser.SignInAsync(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        await browser.GoToAsync(title);
        await Expect(page.Locator("table tbody tr").First).ToBeVisibleAsync();

        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.IsLessThanOrEqualTo(1280, width, "the page does not scroll sideways");
        if (title == "Audit log")
        {
            // The reason is plain text in a cell, so its table is wider than the window: its container scrolls (a URL in code wraps).
            Assert.IsTrue(await page.Locator(".table-scroll").First.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), "the table scrolls in its own container");
        }
    }

    [TestMethod]
    public async Task Overview_ShowsTheLastSuccessfulSyncsAge_AndTheReadinessVerdict()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using (var before = await ConsoleBrowser.OpenAsync(_fixture.Host))
        {
            await before.SignInAsync(pair.PrimaryTenantId, "agent-1");
            await Expect(before.Page.GetByTestId("last-good-sync")).ToHaveTextAsync("none in the last 20 runs: the BCP tenant may hold no copy");
            await Expect(before.Page.GetByTestId("overview-readiness")).ToHaveAttributeAsync("data-verdict", "not-ready");
            await Expect(before.Page.GetByTestId("overview-readiness")).ToContainTextAsync("Not ready");
        }

        using var admin = _fixture.PrimaryAdmin(pair);
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        var run = await SyncClient.RunAsync(admin, pair.PairId);
        var finished = run.FinishedAt!.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        await browser.SignInAsync(pair.BcpTenantId, "agent-1");
        await Expect(browser.Page.GetByTestId("last-good-sync")).ToHaveTextAsync(new Regex($"^{finished} UTC — the BCP copy is (less than a minute|1 min) old$"));
        await Expect(browser.Page.GetByTestId("overview-readiness")).ToHaveAttributeAsync("data-verdict", new Regex("^(ready|degraded|not-ready)$"));
    }

    [TestMethod]
    public async Task BcpAccess_SearchFiltersTheUsersByUsername()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host, "Sleepy Hollow Ltd.");
        using var admin = _fixture.PrimaryAdmin(pair);
        var katrina = ConfigSamples.UniqueUsername("katrina");
        var brom = ConfigSamples.UniqueUsername("brom");
        await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, "users", new { username = katrina });
        await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, "users", new { username = brom });

        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        var page = browser.Page;
        await browser.SignInAsync(pair.PrimaryTenantId, "access-admin", Permissions.AccessEdit);
        await browser.GoToAsync("BCP access");
        var rows = page.GetByTestId("users").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);

        await page.GetByLabel("Search by username").FillAsync("KATRINA");

        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync(katrina);
        await page.GetByLabel("Search by username").FillAsync("nobody-by-this-name");
        await Expect(page.GetByTestId("users")).ToContainTextAsync("No username on page 1 contains \"nobody-by-this-name\".");
        await page.GetByLabel("Search by username").FillAsync("");
        await Expect(rows).ToHaveCountAsync(2);
    }

    private static async Task<ConsoleBrowser> OpenActivationAsync(string tenantId)
    {
        var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        await browser.SignInAsync(tenantId, "admin-1", Permissions.ActivationEdit);
        await browser.GoToAsync("BC Activation");
        return browser;
    }

    /// <summary>Makes the page's reads of the pair's status fail (no answer) while <paramref name="failNext"/> says so.</summary>
    private static Task FailStatusReadsAsync(IPage page, string pairId, Func<bool> failNext) =>
        page.RouteAsync(new Regex($"/tenant-pairs/{Regex.Escape(pairId)}$"), async route =>
        {
            if (route.Request.Method == "GET" && failNext())
            {
                await route.AbortAsync("internetdisconnected");
            }
            else
            {
                await route.ContinueAsync();
            }
        });

    private static ILocator Toggle(IPage page) => page.GetByRole(AriaRole.Switch, new() { Name = "BCP tenant active" });

    private static ILocator Result(IPage page) => ActivationConsoleTests.Result(page);

    private static Task SubmitAsync(IPage page, string side, string passkey, bool openForm = true) =>
        ActivationConsoleTests.SubmitAsync(page, side, passkey, openForm);
}

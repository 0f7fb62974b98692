using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>
/// Drills in a real browser (docs/drills.md, docs/console.md): a passing drill and its steps, a wrong passkey's failed step with
/// the attempts left, the lockout, the history newest first with a row that opens its steps, the weekly schedule kept across
/// a reload, an operator's drill without passkey, a request that gets no answer, and the axe scan.
/// </summary>
[TestClass]
public sealed class DrillsConsoleTests
{
    private static readonly string[] Steps = ["passkey", "readiness", "logins", "routing", "nodes"];

    private static ConsoleFixture _fixture = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await ConsoleFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task PassingDrill_ShowsEveryStepWithStatusSummaryAndTime_TheHistoryListsIt_AndItsRowOpensItsSteps()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using var browser = await OpenDrillsAsync(pair.PrimaryTenantId);
        var page = browser.Page;

        // A drill to the active side (primary): the readiness report is about the BCP tenant, so it cannot fail it.
        await RunAsync(page, "Primary tenant", pair.Passkey);

        await Expect(Message(page)).ToContainTextAsync("The drill passed.");
        var report = page.GetByTestId("drill-result").GetByTestId("drill-report");
        await Expect(report.GetByTestId("drill-outcome")).ToHaveTextAsync("Passed: a switch to the primary tenant would pass every step.");
        await Expect(report.Locator("ol.drill-steps > li")).ToHaveCountAsync(Steps.Length);
        foreach (var step in Steps)
        {
            var item = report.GetByTestId($"drill-step-{step}");
            await Expect(item).ToHaveAttributeAsync("data-status", "passed");
            await Expect(item).ToContainTextAsync(new Regex(@"passed .+: .+\(\d+ ms\)"));
        }

        await Expect(report.GetByTestId("drill-step-passkey")).ToContainTextAsync("The passkey is right.");
        await Expect(report.GetByTestId("drill-step-nodes").GetByTestId("step-counts")).ToContainTextAsync("answered 1");

        var rows = page.GetByTestId("drills").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-outcome", "passed");
        await Expect(rows.First).ToContainTextAsync($"admin-1 (tenant {pair.PrimaryTenantId})");
        await Expect(page.GetByTestId("drill-opened")).ToBeEmptyAsync();
        await rows.First.Locator("td").Nth(2).ClickAsync();
        var opened = page.GetByTestId("drill-opened").GetByTestId("drill-report");
        await Expect(opened.GetByTestId("drill-outcome")).ToHaveTextAsync("Passed: a switch to the primary tenant would pass every step.");
        await Expect(opened.Locator("ol.drill-steps > li")).ToHaveCountAsync(Steps.Length);
        await Expect(rows.First).ToHaveAttributeAsync("aria-current", "true");

        using var admin = _fixture.PrimaryAdmin(pair);
        Assert.AreEqual(0L, (await BcpClient.GetStatusAsync(admin, pair.PairId)).Epoch, "a drill switches nothing");
    }

    [TestMethod]
    public async Task WrongPasskey_ShowsTheFailedPasskeyStep_AndTheAttemptsLeft_AndTheHistoryListsTheFailedDrillNewestFirst()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using var browser = await OpenDrillsAsync(pair.PrimaryTenantId);
        var page = browser.Page;
        await RunAsync(page, "Primary tenant", pair.Passkey);
        await Expect(page.GetByTestId("drills").Locator("tbody tr")).ToHaveCountAsync(1);

        await RunAsync(page, "Primary tenant", "WRONG-PASS-KEYS");

        await Expect(Message(page)).ToContainTextAsync("Wrong passkey. The drill's passkey step failed and counts as a wrong passkey of a switch.");
        await Expect(Message(page).GetByTestId("drill-attempts")).ToHaveTextAsync("4 wrong passkeys left before switching is locked for you.");
        var report = page.GetByTestId("drill-result").GetByTestId("drill-report");
        await Expect(report).ToHaveAttributeAsync("data-outcome", "failed");
        await Expect(report.GetByTestId("drill-outcome")).ToHaveTextAsync("Failed: a switch to the primary tenant would fail at Passkey.");
        var passkey = report.GetByTestId("drill-step-passkey");
        await Expect(passkey).ToHaveAttributeAsync("data-status", "failed");
        await Expect(passkey).ToContainTextAsync("The passkey is not valid; it counts as a wrong passkey of a switch: 4 wrong passkeys left");
        await Expect(page.GetByLabel("Passkey", new() { Exact = true })).ToHaveValueAsync("");

        var rows = page.GetByTestId("drills").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-outcome", "failed");
        await Expect(rows.Nth(0).Locator("td").Nth(3)).ToHaveTextAsync("Passkey");
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-outcome", "passed");
    }

    [TestMethod]
    public async Task FiveWrongPasskeys_LockDrillsForThatUser_TheRightPasskeyIsThenRefusedWithTheLocksEnd()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using var browser = await OpenDrillsAsync(pair.PrimaryTenantId);
        var page = browser.Page;

        // The fixture's limit: 5 wrong passkeys per user in 15 minutes (ActivationConsoleTests).
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await RunAsync(page, "BCP tenant", $"WRONG-{attempt}");
            await Expect(page.GetByTestId("drill-result").GetByTestId("drill-step-passkey")).ToHaveAttributeAsync("data-status", "failed");
        }

        await Expect(Message(page).GetByTestId("drill-lockout")).ToContainTextAsync("Drills with a passkey and switches are locked for you until");
        await Expect(Message(page).GetByTestId("countdown")).ToHaveTextAsync(new Regex(@"^1[45]:\d\d$"));

        await RunAsync(page, "BCP tenant", pair.Passkey);

        await Expect(Message(page)).ToContainTextAsync("Refused: too many wrong passkeys.");
        await Expect(Message(page)).ToContainTextAsync("The drill did not run and is not kept.");
        await Expect(Message(page).GetByTestId("drill-lockout")).ToContainTextAsync("locked for you until");
        await Expect(page.GetByTestId("drill-result")).ToBeEmptyAsync();
        await Expect(page.GetByTestId("drills").Locator("tbody tr")).ToHaveCountAsync(5);
    }

    [TestMethod]
    public async Task Schedule_IsSaved_AndReadAgainAfterAReload()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using var browser = await OpenDrillsAsync(pair.PrimaryTenantId);
        var page = browser.Page;
        await Expect(page.GetByTestId("drill-next")).ToHaveTextAsync("Next scheduled drill: none (the weekly drill is off).");

        await page.GetByLabel("Weekly drill enabled").CheckAsync();
        await page.GetByLabel("Weekday").SelectOptionAsync("wednesday");
        await page.GetByLabel("Time (UTC)").FillAsync("07:45");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save schedule" }).ClickAsync();

        var next = new Regex(@"^Next scheduled drill: \d{4}-\d\d-\d\d 07:45:00 UTC\.$");
        await Expect(page.GetByTestId("drill-schedule-message")).ToContainTextAsync("Saved.");
        await Expect(page.GetByTestId("drill-next")).ToHaveTextAsync(next);

        // Reloading signs out (the token lives in memory only): sign in again and read what was kept.
        await page.ReloadAsync();
        await browser.SignInAsync(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        await browser.GoToAsync("Drills");
        await Expect(page.GetByLabel("Weekly drill enabled")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Weekday")).ToHaveValueAsync("wednesday");
        await Expect(page.GetByLabel("Time (UTC)")).ToHaveValueAsync("07:45");
        await Expect(page.GetByTestId("drill-next")).ToHaveTextAsync(next);
        var shown = await page.GetByTestId("drill-next").InnerTextAsync();

        using var admin = _fixture.PrimaryAdmin(pair);
        var kept = await admin.GetFromJsonAsync<JsonElement>($"/tenant-pairs/{pair.PairId}/drills/schedule");
        var nextRunAt = kept.GetProperty("nextRunAt").GetDateTimeOffset();
        Assert.AreEqual((true, "wednesday", "07:45", DayOfWeek.Wednesday), (kept.GetProperty("enabled").GetBoolean(), kept.GetProperty("weekday").GetString(),
            kept.GetProperty("at").GetString(), nextRunAt.UtcDateTime.DayOfWeek), kept.ToString());
        StringAssert.Contains(shown, nextRunAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public async Task BcpTenantAdmin_DrillsButSeesTheScheduleReadOnly()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using var browser = await OpenDrillsAsync(pair.BcpTenantId);
        var page = browser.Page;

        await Expect(page.GetByLabel("Weekly drill enabled")).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save schedule" })).ToHaveCountAsync(0);
        await RunAsync(page, "Primary tenant", pair.Passkey);
        await Expect(page.GetByTestId("drill-result").GetByTestId("drill-report")).ToHaveAttributeAsync("data-outcome", "passed");
    }

    [TestMethod]
    public async Task Operator_DrillsWithoutThePasskey_AndTheDrillHasNoPasskeyStep()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        await browser.SignInAsync(pair.PrimaryTenantId, "operator-1", Permissions.Setup);
        await browser.GoToAsync("Drills");
        var page = browser.Page;

        await RunAsync(page, "Primary tenant", passkey: null);

        var report = page.GetByTestId("drill-result").GetByTestId("drill-report");
        await Expect(report).ToHaveAttributeAsync("data-outcome", "passed");
        await Expect(report.GetByTestId("drill-step-passkey")).ToHaveCountAsync(0);
        await Expect(report.Locator("ol.drill-steps > li")).ToHaveCountAsync(Steps.Length - 1);
        await Expect(page.GetByTestId("drills").Locator("tbody tr").First).ToContainTextAsync($"operator-1 (tenant {pair.PrimaryTenantId})");
    }

    [TestMethod]
    public async Task DrillRequestGetsNoAnswer_SaysSo_NotASilentNothing()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using var browser = await OpenDrillsAsync(pair.PrimaryTenantId);
        var page = browser.Page;
        await page.RouteAsync($"**/tenant-pairs/{pair.PairId}/drills", async route =>
        {
            if (route.Request.Method == "POST")
            {
                await route.AbortAsync("internetdisconnected");
            }
            else
            {
                await route.ContinueAsync();
            }
        });

        await RunAsync(page, "BCP tenant", pair.Passkey);

        await Expect(Message(page).Locator("[role=alert]")).ToContainTextAsync("The server did not answer. Whether the drill ran is not known; a drill never switches anything.");
        await Expect(page.GetByTestId("drill-result")).ToBeEmptyAsync();
        using var admin = _fixture.PrimaryAdmin(pair);
        using var kept = await admin.GetAsync($"/tenant-pairs/{pair.PairId}/drills");
        Assert.AreEqual(HttpStatusCode.OK, kept.StatusCode);
        Assert.AreEqual(0, (await kept.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength(), "the request never reached the server");
    }

    [TestMethod]
    public async Task DrillsPage_HasNoSeriousOrCriticalAccessibilityViolations()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        using (var admin = _fixture.PrimaryAdmin(pair))
        {
            await ClassicsTenant.SeedAsync(admin, pair.PrimaryTenantId);
        }

        await using var browser = await OpenDrillsAsync(pair.PrimaryTenantId);
        var page = browser.Page;
        // To the BCP tenant before any sync: readiness fails, with its items open.
        await RunAsync(page, "BCP tenant", pair.Passkey);
        await Expect(page.GetByTestId("drill-result").GetByTestId("drill-step-readiness")).ToHaveAttributeAsync("data-status", "failed");

        await AxeScan.AssertNoSeriousViolationsAsync(page, TestContext);
        await Screenshots.TakeAsync(page, TestContext, "drills");
        Assert.IsLessThanOrEqualTo(1280, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), "the page does not scroll sideways");
    }

    private static async Task<ConsoleBrowser> OpenDrillsAsync(string tenantId)
    {
        var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        await browser.SignInAsync(tenantId, "admin-1", Permissions.ActivationEdit);
        await browser.GoToAsync("Drills");
        return browser;
    }

    private static ILocator Message(IPage page) => page.GetByTestId("drill-message");

    /// <summary>Chooses the side, types the passkey (if any), runs the drill, and waits for its answer.</summary>
    private static async Task RunAsync(IPage page, string side, string? passkey)
    {
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Run a drill" });
        await form.GetByRole(AriaRole.Radio, new() { Name = side }).CheckAsync();
        if (passkey is not null)
        {
            await form.GetByLabel("Passkey").FillAsync(passkey);
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Run drill" }).ClickAsync();
        // Running replaces the message with "Running the drill…"; the answer replaces that.
        await Expect(Message(page)).Not.ToContainTextAsync("Running the drill…");
        await Expect(Message(page).Locator(".message")).ToHaveCountAsync(1);
    }
}

using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Approval;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Login;
using Orleans.Bcp.Tests.SwitchReports;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>
/// Switch reports in a real browser (docs/switch-reports.md, docs/console.md): a switch made in the console, then its report —
/// reached from the last switch in the pair's status — lists it and shows its timeline with the milliseconds the API measured;
/// an approved switch shows its approval; the axe scan.
/// </summary>
[TestClass]
public sealed class SwitchReportsConsoleTests
{
    private static ConsoleFixture _fixture = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await ConsoleFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task SwitchInTheConsole_ThenTheLastSwitchLinksItsReport_WhichShowsTheTimelineInTheApisMilliseconds()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        using (var admin = _fixture.PrimaryAdmin(pair))
        {
            await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        }

        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        var page = browser.Page;
        await browser.SignInAsync(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        await browser.GoToAsync("BC Activation");

        // Back to primary, where the point of contact is routed (the BCP tenant holds no copy of it: nothing was synced).
        await ActivationConsoleTests.SubmitAsync(page, "primary", pair.Passkey);
        await Expect(ActivationConsoleTests.Result(page)).ToContainTextAsync("is now active, epoch 2.");
        var report = await FirstAnswersAsync(pair, 2);

        await page.GetByTestId("last-switch").GetByRole(AriaRole.Link, new() { Name = "switch report" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Switch reports", Level = 1 })).ToBeVisibleAsync();
        var rows = page.GetByTestId("switches").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        var cells = rows.First.Locator("td");
        await Expect(cells.Nth(0)).ToHaveTextAsync("2");
        await Expect(cells.Nth(1)).ToHaveTextAsync("Primary tenant");
        await Expect(cells.Nth(2)).ToContainTextAsync($"admin-1tenant {pair.PrimaryTenantId}");
        await Expect(cells.Nth(3)).ToHaveTextAsync(Utc(report, "requestedAt"));
        var total = new[] { "msToCommit", "msToEffective", "msToFirstLogin", "msToFirstRouting" }.Max(name => report.GetProperty(name).GetDouble());
        await Expect(cells.Nth(4)).ToHaveTextAsync(Ms(total));

        // The newest switch's timeline is open at first.
        var timeline = page.GetByTestId("switch-timeline");
        await Expect(timeline).ToHaveAttributeAsync("data-epoch", "2");
        await Expect(timeline.Locator("tbody tr")).ToHaveCountAsync(5);
        await ExpectStepAsync(timeline, "requested", $"Requested by admin-1 (tenant {pair.PrimaryTenantId})", Utc(report, "requestedAt"), "0.0 ms");
        await ExpectStepAsync(timeline, "committed", "Committed by the pair", Utc(report, "committedAt"), Ms(report, "msToCommit"));
        await ExpectStepAsync(timeline, "effective", "Effective on every node (1 node)", Utc(report, "effectiveEverywhereAt"), Ms(report, "msToEffective"));
        await ExpectStepAsync(timeline, "first-login", "First login-options answer with the new side", Utc(report, "firstLoginOptionsAt"), Ms(report, "msToFirstLogin"));
        await ExpectStepAsync(timeline, "first-routing", "First voice-routing answer with the new side", Utc(report, "firstVoiceRoutingAt"), Ms(report, "msToFirstRouting"));
        await Expect(timeline.Locator("tr[data-step=approved]")).ToHaveCountAsync(0);
    }

    [TestMethod]
    public async Task ApprovedSwitch_ItsTimelineShowsWhoApprovedItAndWhen_AndARowOpensAnOlderSwitch()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        using var admin = _fixture.PrimaryAdmin(pair);
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        await ApprovalClient.RequireAsync(admin, pair.PairId);
        var request = await ApprovalClient.RequestAsync(admin, pair, "primary");
        using var approver = _fixture.Host.ClientFor(pair.BcpTenantId, "approver-1", Permissions.ActivationEdit);
        using (var approved = await ApprovalClient.ApproveAsync(approver, pair.PairId, request.RequestId))
        {
            Assert.AreEqual(HttpStatusCode.OK, approved.StatusCode, await approved.Content.ReadAsStringAsync());
        }

        var decided = await ApprovalClient.GetAsync(admin, pair.PairId, request.RequestId);
        var report = await SwitchReportClient.EventuallyAsync(admin, pair.PairId, 2, r => r.GetProperty("nodesAcknowledged").ValueKind != JsonValueKind.Null);

        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        var page = browser.Page;
        await browser.SignInAsync(pair.BcpTenantId, "agent-1");
        await browser.GoToAsync("Switch reports");

        var rows = page.GetByTestId("switches").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0).Locator("td").First).ToHaveTextAsync("2");
        await Expect(rows.Nth(1).Locator("td").First).ToHaveTextAsync("1");
        var timeline = page.GetByTestId("switch-timeline");
        await Expect(timeline).ToHaveAttributeAsync("data-epoch", "2");
        await ExpectStepAsync(timeline, "requested", $"Requested by admin-1 (tenant {pair.PrimaryTenantId})", Utc(report, "requestedAt"), "0.0 ms");
        var approval = timeline.Locator("tr[data-step=approved]");
        await Expect(approval.Locator("th")).ToHaveTextAsync($"Approved by approver-1 (tenant {pair.BcpTenantId})");
        // The approval's time is its audit entry's, written at the approval (within a millisecond of the request's decision).
        var approvedAt = DateTimeOffset.Parse((await approval.Locator("td").First.InnerTextAsync()).Replace(" UTC", "Z", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.IsLessThanOrEqualTo(1.0, Math.Abs((decided.DecidedAt!.Value - approvedAt).TotalSeconds), $"{approvedAt:O} is the approval's time");
        await Expect(approval.Locator("td").Nth(1)).ToHaveTextAsync(new Regex(@"^\d+\.\d ms$"));
        await Expect(timeline.Locator("tbody tr")).ToHaveCountAsync(6);

        await rows.Nth(1).GetByRole(AriaRole.Button, new() { Name = "Timeline of epoch 1" }).ClickAsync();
        await Expect(timeline).ToHaveAttributeAsync("data-epoch", "1");
        await Expect(timeline.Locator("tr[data-step=approved]")).ToHaveCountAsync(0);
        await Expect(timeline.Locator("tr[data-step=first-login] td").First).ToHaveTextAsync("not yet");
    }

    [TestMethod]
    public async Task SwitchReportsPage_HasNoSeriousOrCriticalAccessibilityViolations()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        using (var admin = _fixture.PrimaryAdmin(pair))
        {
            await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
            await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "primary", pair.Passkey));
            await FirstAnswersAsync(pair, 2);
        }

        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        var page = browser.Page;
        await browser.SignInAsync(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        await browser.GoToAsync("Switch reports");
        await Expect(page.GetByTestId("switch-timeline")).ToHaveAttributeAsync("data-epoch", "2");
        await Expect(page.GetByTestId("switch-timeline").Locator("tr[data-step=first-routing] td").First).Not.ToHaveTextAsync("not yet");

        await AxeScan.AssertNoSeriousViolationsAsync(page, TestContext);
        await Screenshots.TakeAsync(page, TestContext, "switch-reports");
        Assert.IsLessThanOrEqualTo(1280, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), "the page does not scroll sideways");
    }

    /// <summary>A user logs in and a call is routed after the pair's switch to <paramref name="epoch"/> (primary); returns the report once it has both and its effect.</summary>
    private static async Task<JsonElement> FirstAnswersAsync(TestPair pair, long epoch)
    {
        using var admin = _fixture.PrimaryAdmin(pair);
        var username = ConfigSamples.UniqueUsername("agent");
        var number = $"+1555{Random.Shared.Next(1_000_000, 9_999_999)}";
        await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.Users, new { username, bcpType = "single" });
        await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.PointsOfContact, new { name = "Main line", channel = "voice", address = number });
        using var login = LoginClient.For(_fixture.Host);
        await LoginClient.OptionsAsync(login, username);
        using (var routed = await login.GetAsync($"/routing/voice?address={Uri.EscapeDataString(number)}"))
        {
            Assert.AreEqual(HttpStatusCode.OK, routed.StatusCode, await routed.Content.ReadAsStringAsync());
        }

        return await SwitchReportClient.EventuallyAsync(admin, pair.PairId, epoch, report =>
            new[] { "effectiveEverywhereAt", "firstLoginOptionsAt", "firstVoiceRoutingAt" }.All(name => report.GetProperty(name).ValueKind != JsonValueKind.Null));
    }

    private static async Task ExpectStepAsync(ILocator timeline, string step, string name, string at, string ms)
    {
        var row = timeline.Locator($"tr[data-step={step}]");
        await Expect(row.Locator("th")).ToHaveTextAsync(name);
        await Expect(row.Locator("td").Nth(0)).ToHaveTextAsync(at);
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync(ms);
    }

    /// <summary>A time as the console shows it: "2026-12-01 23:10:05 UTC".</summary>
    private static string Utc(JsonElement report, string name) =>
        report.GetProperty(name).GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    private static string Ms(JsonElement report, string name) => Ms(report.GetProperty(name).GetDouble());

    /// <summary>Milliseconds as the console shows them, to 0.1 ms (JavaScript's toFixed(1)).</summary>
    private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}

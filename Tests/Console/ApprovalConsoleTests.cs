using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Api.Pairs;
using Orleans.Bcp.Grains.Abstractions.Approvals;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Tests.Approval;
using Orleans.Bcp.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>
/// Two-person approval in a real browser (docs/approval.md, docs/console.md): the requester waits for a second person with
/// the countdown and is offered no Approve; another admin sees the request on every page and approves or declines it; an
/// expired request says so; the settings are edited on BC Activation.
/// </summary>
[TestClass]
public sealed class ApprovalConsoleTests
{
    private static ConsoleFixture _fixture = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await ConsoleFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task Requester_WaitsWithACountdown_AnotherAdminApprovesFromTheBanner_ThePairSwitches()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        using var admin = _fixture.PrimaryAdmin(pair);
        await ApprovalClient.RequireAsync(admin, pair.PairId, windowMinutes: 10);
        await using var requester = await OpenActivationAsync(pair.PrimaryTenantId, "admin-1");

        await ActivationConsoleTests.SubmitAsync(requester.Page, "bcp", pair.Passkey);

        await Expect(ActivationConsoleTests.Result(requester.Page)).ToContainTextAsync("Approval needed. Nothing has switched yet");
        var waiting = Request(requester.Page);
        await Expect(waiting).ToHaveAttributeAsync("data-status", "pending");
        await Expect(waiting.GetByTestId("waiting-for-approval")).ToHaveTextAsync("Waiting for a second person.");
        await Expect(waiting.GetByTestId("countdown")).ToHaveTextAsync(new Regex(@"^(10:00|9:[0-5]\d)$"));
        await Expect(ApproveButton(requester.Page)).ToHaveCountAsync(0);
        await Expect(requester.Page.GetByTestId("epoch")).ToHaveTextAsync("0");

        // The BCP tenant's admin sees it on the Overview, the first page after signing in.
        await using var approver = await ConsoleBrowser.OpenAsync(_fixture.Host);
        await approver.SignInAsync(pair.BcpTenantId, "admin-2", Permissions.ActivationEdit);
        var banner = Request(approver.Page);
        await Expect(banner).ToContainTextAsync($"admin-1 (tenant {pair.PrimaryTenantId}) asked at");
        await Expect(banner).ToContainTextAsync("to switch to the BCP tenant");
        await AxeScan.AssertNoSeriousViolationsAsync(approver.Page, TestContext);
        await Screenshots.TakeAsync(approver.Page, TestContext, "approval");

        await ApproveButton(approver.Page).ClickAsync();

        await Expect(approver.Page.GetByTestId("switch-request-result")).ToContainTextAsync("Approved: switched. Classics Inc. BCP (the BCP tenant) is now active, epoch 1.");
        await Expect(banner).ToHaveAttributeAsync("data-status", "approved");
        await Expect(approver.Page.GetByTestId("bcp-banner")).ToContainTextAsync("It is the active tenant now.");
        // The requester's page reads the request until it is decided, then the pair's status.
        await Expect(waiting).ToHaveAttributeAsync("data-status", "approved");
        await Expect(waiting).ToContainTextAsync($"It was approved by admin-2 (tenant {pair.BcpTenantId})");
        await Expect(requester.Page.GetByTestId("active-side")).ToHaveTextAsync("BCP tenant");
        await Expect(requester.Page.GetByTestId("epoch")).ToHaveTextAsync("1");
        var status = await BcpClient.GetStatusAsync(admin, pair.PairId);
        Assert.AreEqual((PairRole.Bcp, 1L, "admin-2"), (status.ActiveSide, status.Epoch, status.LastSwitch!.By.UserId));
    }

    [TestMethod]
    public async Task Decline_OnBcActivation_SwitchesNothing_TheRequesterSeesItDeclined_AndIsNeverOfferedApprove()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        using var admin = _fixture.PrimaryAdmin(pair);
        await ApprovalClient.RequireAsync(admin, pair.PairId);
        var request = await ApprovalClient.RequestAsync(admin, pair, "bcp");

        // The requester on another page (a new sign-in): the shell shows their request waiting, with nothing to approve.
        await using var requester = await ConsoleBrowser.OpenAsync(_fixture.Host);
        await requester.SignInAsync(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        await Expect(Request(requester.Page).GetByTestId("waiting-for-approval")).ToBeVisibleAsync();
        await Expect(ApproveButton(requester.Page)).ToHaveCountAsync(0);
        await Expect(requester.Page.GetByRole(AriaRole.Button, new() { Name = "Withdraw request" })).ToBeVisibleAsync();

        // Another admin of the primary tenant, on BC Activation: the request is in the Switch section, once.
        await using var other = await OpenActivationAsync(pair.PrimaryTenantId, "admin-2");
        await Expect(Request(other.Page)).ToHaveCountAsync(1);
        await Expect(ApproveButton(other.Page)).ToBeVisibleAsync();
        await other.Page.GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();

        await Expect(Request(other.Page)).ToHaveAttributeAsync("data-status", "declined");
        await Expect(Request(other.Page)).ToContainTextAsync("It was declined by admin-2");
        await Expect(Request(requester.Page)).ToHaveAttributeAsync("data-status", "declined");
        await Expect(Request(requester.Page)).ToContainTextAsync("nothing switched");
        await Expect(other.Page.GetByTestId("epoch")).ToHaveTextAsync("0");
        var read = await ApprovalClient.GetAsync(admin, pair.PairId, request.RequestId);
        Assert.AreEqual((SwitchRequestStatus.Declined, "admin-2"), (read.Status, read.DecidedBy));
        Assert.AreEqual(0L, (await BcpClient.GetStatusAsync(admin, pair.PairId)).Epoch, "nothing switched");
    }

    [TestMethod]
    public async Task ARequestThatExpired_IsShownAsExpired_WhenApproved()
    {
        // A host of its own whose clock the test moves on: the shortest window the API allows is 5 minutes.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fixture = await ConsoleFixture.StartAsync(time: clock);
        var pair = await BcpClient.CreatePairAsync(fixture.Host);
        using var admin = fixture.PrimaryAdmin(pair);
        await ApprovalClient.RequireAsync(admin, pair.PairId, windowMinutes: 5);
        var request = await ApprovalClient.RequestAsync(admin, pair, "bcp");
        await using var approver = await ConsoleBrowser.OpenAsync(fixture.Host);
        await approver.SignInAsync(pair.BcpTenantId, "admin-2", Permissions.ActivationEdit);
        await Expect(ApproveButton(approver.Page)).ToBeVisibleAsync();
        // The page's reads of the request get no answer from here on, so the approval itself meets the expiry (not a poll first).
        await approver.Page.RouteAsync($"**/switch-requests/{request.RequestId}", route => route.AbortAsync("internetdisconnected"));
        await approver.Page.RouteAsync($"**/tenant-pairs/{pair.PairId}/approval", route => route.AbortAsync("internetdisconnected"));

        clock.Advance(TimeSpan.FromMinutes(5));
        await ApproveButton(approver.Page).ClickAsync();

        await Expect(approver.Page.GetByTestId("request-closed")).ToHaveTextAsync("Not approved: the request is expired.");
        await Expect(approver.Page.GetByTestId("switch-request-result")).ToContainTextAsync("nobody approved it within the approval window");
        await Expect(Request(approver.Page)).ToHaveAttributeAsync("data-status", "expired");
        await Expect(ApproveButton(approver.Page)).ToHaveCountAsync(0);
        Assert.AreEqual(SwitchRequestStatus.Expired, (await ApprovalClient.GetAsync(admin, pair.PairId, request.RequestId)).Status);
        Assert.AreEqual(0L, (await BcpClient.GetStatusAsync(admin, pair.PairId)).Epoch, "nothing switched");
    }

    [TestMethod]
    public async Task Settings_ThePrimarysAdminTurnsApprovalOn_TheBcpTenantsAdminOnlyReadsThem()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using var browser = await OpenActivationAsync(pair.PrimaryTenantId, "admin-1");
        var form = browser.Page.GetByRole(AriaRole.Form, new() { Name = "Approval settings" });
        await Expect(form.GetByLabel("Approval window (minutes)")).ToHaveValueAsync("15");

        await form.GetByLabel("A switch with the passkey needs a second person's approval").CheckAsync();
        await form.GetByLabel("Approval window (minutes)").FillAsync("7");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save approval settings" }).ClickAsync();

        await Expect(browser.Page.GetByTestId("approval-settings-message")).ToHaveTextAsync("Saved. A passkey switch now waits up to 7 minutes for a second person's approval.");
        using var admin = _fixture.PrimaryAdmin(pair);
        Assert.AreEqual(new ApprovalDocument(true, 7), await admin.GetFromJsonAsync<ApprovalDocument>($"/tenant-pairs/{pair.PairId}/approval", BcpClient.Json));
        await AxeScan.AssertNoSeriousViolationsAsync(browser.Page, TestContext);

        await using var bcp = await OpenActivationAsync(pair.BcpTenantId, "admin-2");
        var readOnly = bcp.Page.GetByRole(AriaRole.Form, new() { Name = "Approval settings" });
        await Expect(readOnly.GetByLabel("A switch with the passkey needs a second person's approval")).ToBeCheckedAsync();
        await Expect(readOnly.GetByLabel("A switch with the passkey needs a second person's approval")).ToBeDisabledAsync();
        await Expect(readOnly.GetByLabel("Approval window (minutes)")).ToHaveValueAsync("7");
        await Expect(readOnly.GetByRole(AriaRole.Button, new() { Name = "Save approval settings" })).ToHaveCountAsync(0);
    }

    private static ILocator Request(IPage page) => page.GetByTestId("switch-request");

    private static ILocator ApproveButton(IPage page) => page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Approve") });

    private static async Task<ConsoleBrowser> OpenActivationAsync(string tenantId, string userId)
    {
        var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        await browser.SignInAsync(tenantId, userId, Permissions.ActivationEdit);
        await browser.GoToAsync("BC Activation");
        return browser;
    }
}

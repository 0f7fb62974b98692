using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>BC Activation in a real browser (docs/console.md, docs/api.md): wrong passkey, the switch, the lockout per user with attempts left, the way back.</summary>
[TestClass]
public sealed class ActivationConsoleTests
{
    private static ConsoleFixture _fixture = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await ConsoleFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task WrongPasskey_IsShownAsSuch_AndChangesNothing()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using var browser = await OpenActivationAsync(pair.PrimaryTenantId);

        await SubmitAsync(browser.Page, "bcp", "WRONG-PASS-KEYS");

        await Expect(Result(browser.Page)).ToContainTextAsync("Wrong passkey. Nothing was changed.");
        await Expect(browser.Page.GetByTestId("active-side")).ToHaveTextAsync("Primary tenant");
        await Expect(browser.Page.GetByTestId("epoch")).ToHaveTextAsync("0");
        await Expect(browser.Page.GetByRole(AriaRole.Switch, new() { Name = "BCP tenant active" })).ToHaveAttributeAsync("aria-checked", "false");
        using var admin = _fixture.PrimaryAdmin(pair);
        var status = await BcpClient.GetStatusAsync(admin, pair.PairId);
        Assert.AreEqual((PairRole.Primary, 0L), (status.ActiveSide, status.Epoch), "nothing changed");
    }

    [TestMethod]
    public async Task RightPasskey_SwitchesSideAndEpoch_AndABcpTenantUserSeesTheBanner()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using (var browser = await OpenActivationAsync(pair.PrimaryTenantId))
        {
            await Expect(browser.Page.GetByTestId("bcp-banner")).ToHaveCountAsync(0);
            await Expect(browser.Page.GetByTestId("switch-effect")).ToHaveCountAsync(0);

            await SubmitAsync(browser.Page, "bcp", pair.Passkey);

            await Expect(Result(browser.Page)).ToContainTextAsync("Switched.");
            await Expect(browser.Page.GetByTestId("relogin")).ToHaveTextAsync("Users must log out and log in again.");
            await Expect(browser.Page.GetByTestId("active-side")).ToHaveTextAsync("BCP tenant");
            await Expect(browser.Page.GetByTestId("active-tenant")).ToContainTextAsync("Classics Inc. BCP");
            await Expect(browser.Page.GetByTestId("epoch")).ToHaveTextAsync("1");
            await Expect(browser.Page.GetByTestId("last-switch")).ToContainTextAsync("by admin-1");
            // The one node acknowledges the pushed switch; the page reads the status again until it has.
            await Expect(browser.Page.GetByTestId("switch-effect")).ToHaveTextAsync(new Regex(@"^effective on 1 of 1 nodes after \d+ ms$"));
            await Expect(browser.Page.GetByRole(AriaRole.Switch, new() { Name = "BCP tenant active" })).ToHaveAttributeAsync("aria-checked", "true");
            await Expect(browser.Page.GetByTestId("account-name")).ToHaveTextAsync("Classics Inc.");
        }

        await using var agent = await ConsoleBrowser.OpenAsync(_fixture.Host);
        await agent.SignInAsync(pair.BcpTenantId, "agent-1");
        await Expect(agent.Page.GetByTestId("account-name")).ToHaveTextAsync("Classics Inc. BCP");
        await Expect(agent.Page.GetByTestId("bcp-banner")).ToContainTextAsync("BCP TENANT");
        await Expect(agent.Page.GetByTestId("bcp-banner")).ToContainTextAsync("It is the active tenant now.");
        await Expect(agent.Page.GetByRole(AriaRole.Link, new() { Name = "BC Activation" })).ToHaveCountAsync(0);
    }

    [TestMethod]
    public async Task WhoSwitched_IsShownByUsernameAndAccountName_InTheStatusTheAuditAndTheProfile_WithTheIdsAsTitles()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var pair = await BcpClient.CreatePairAsync(_fixture.Host, $"Named {marker}");
        var username = $"ichabod.{marker}@classics.example";
        string userId;
        using (var configAdmin = _fixture.Host.ClientFor(pair.PrimaryTenantId, "config-admin", Permissions.TenantConfigEdit))
        {
            userId = await ConfigClient.CreateIdAsync(configAdmin, pair.PrimaryTenantId, "users", new { username });
        }

        using var user = _fixture.Host.ClientFor(pair.PrimaryTenantId, userId, Permissions.ActivationEdit);
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(user, pair.PairId, "bcp", pair.Passkey));
        // The status read never waits for a name: the first read after the switch asks for it, a later one has it.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await BcpClient.GetStatusAsync(user, pair.PairId)).LastSwitch!.ByUsername is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        await browser.SignInAsync(pair.PrimaryTenantId, userId, Permissions.ActivationEdit);
        var page = browser.Page;
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(username);
        await Expect(page.GetByTestId("user-name")).ToHaveAttributeAsync("title", new Regex(Regex.Escape(userId)));
        await Expect(page.GetByTestId("profile-user")).ToHaveTextAsync(username);
        var who = page.GetByTestId("last-switch-who");
        await Expect(who).ToHaveTextAsync($"{username} (Named {marker})");
        await Expect(who).ToHaveAttributeAsync("title", $"user {userId} · tenant {pair.PrimaryTenantId}");

        await browser.GoToAsync("Audit log");
        var switched = page.GetByTestId("audit").Locator("tr[data-action='switch']").First.GetByTestId("audit-who");
        await Expect(switched).ToContainTextAsync(username);
        await Expect(switched).ToContainTextAsync($"Named {marker}");
        await Expect(switched).Not.ToContainTextAsync(userId);
        // An operator's row has no user in either tenant: its id shows.
        await Expect(page.GetByTestId("audit").Locator("tr[data-action='pair-create'] [data-testid='audit-who']")).ToContainTextAsync("operator-1");
    }

    [TestMethod]
    public async Task FiveWrongPasskeys_LockSwitchingForThatUser_WithAttemptsLeftAndACountdown_AnotherAdminStillSwitches()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using var browser = await OpenActivationAsync(pair.PrimaryTenantId);
        var page = browser.Page;
        var attemptsLeft = page.GetByTestId("attempts-left");
        await Expect(attemptsLeft).ToHaveTextAsync("5 wrong passkeys left before switching is locked for you.");

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await SubmitAsync(page, "bcp", $"WRONG-{attempt}", openForm: attempt == 1);
            await Expect(Result(page)).ToContainTextAsync("Wrong passkey.");
            if (attempt < 5)
            {
                var left = 5 - attempt;
                await Expect(attemptsLeft).ToHaveTextAsync($"{left} wrong passkey{(left == 1 ? "" : "s")} left before switching is locked for you.");
            }
        }

        var lockout = page.GetByTestId("lockout");
        await Expect(lockout).ToContainTextAsync("Switching is locked for you");
        await Expect(lockout).ToContainTextAsync("other admins can still switch");
        await Expect(lockout.GetByTestId("countdown")).ToHaveTextAsync(new Regex(@"^1[45]:\d\d$"));
        await Expect(attemptsLeft).ToHaveCountAsync(0);

        await SubmitAsync(page, "bcp", pair.Passkey, openForm: false);

        await Expect(Result(page)).ToContainTextAsync("Refused: switching is locked. Nothing was changed.");
        var countdown = page.GetByTestId("lockout").GetByTestId("countdown");
        await Expect(countdown).ToHaveTextAsync(new Regex(@"^1[45]:\d\d$"));
        var first = await countdown.InnerTextAsync();
        await Expect(countdown).Not.ToHaveTextAsync(first, new() { Timeout = 5_000 });
        await Expect(page.GetByTestId("active-side")).ToHaveTextAsync("Primary tenant");
        await Expect(page.GetByTestId("epoch")).ToHaveTextAsync("0");

        // The lock is that user's: the BCP tenant's admin sees all attempts left and switches with the right passkey.
        await using var other = await OpenActivationAsync(pair.BcpTenantId);
        await Expect(other.Page.GetByTestId("attempts-left")).ToHaveTextAsync("5 wrong passkeys left before switching is locked for you.");
        await Expect(other.Page.GetByTestId("lockout")).ToHaveCountAsync(0);
        await SubmitAsync(other.Page, "bcp", pair.Passkey);
        await Expect(Result(other.Page)).ToContainTextAsync("Switched.");
        await Expect(other.Page.GetByTestId("epoch")).ToHaveTextAsync("1");
    }

    [TestMethod]
    public async Task BcpTenantAdmin_ReturnsToPrimary()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        using (var admin = _fixture.PrimaryAdmin(pair))
        {
            await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        }

        await using var browser = await OpenActivationAsync(pair.BcpTenantId);
        var page = browser.Page;
        await Expect(page.GetByTestId("bcp-banner")).ToContainTextAsync("It is the active tenant now.");
        await Expect(page.GetByRole(AriaRole.Switch, new() { Name = "BCP tenant active" })).ToHaveAttributeAsync("aria-checked", "true");

        await SubmitAsync(page, "primary", pair.Passkey);

        await Expect(Result(page)).ToContainTextAsync("Classics Inc. (the primary tenant) is now active, epoch 2.");
        await Expect(page.GetByTestId("active-side")).ToHaveTextAsync("Primary tenant");
        await Expect(page.GetByTestId("bcp-banner")).ToContainTextAsync("It is on standby: the primary tenant is active.");
        using var reader = _fixture.PrimaryAdmin(pair);
        var status = await BcpClient.GetStatusAsync(reader, pair.PairId);
        Assert.AreEqual((PairRole.Primary, 2L, pair.BcpTenantId), (status.ActiveSide, status.Epoch, status.LastSwitch!.By.TenantId));
    }

    private static async Task<ConsoleBrowser> OpenActivationAsync(string tenantId)
    {
        var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        await browser.SignInAsync(tenantId, "admin-1", Permissions.ActivationEdit);
        await browser.GoToAsync("BC Activation");
        return browser;
    }

    internal static ILocator Result(IPage page) => page.GetByTestId("switch-result");

    /// <summary>Turns the toggle (unless its form is open already), types the passkey, submits, and waits for the answer.</summary>
    internal static async Task SubmitAsync(IPage page, string side, string passkey, bool openForm = true)
    {
        var action = side == "bcp" ? "Activate BCP tenant" : "Return to primary";
        if (openForm)
        {
            await page.GetByRole(AriaRole.Switch, new() { Name = "BCP tenant active" }).ClickAsync();
        }

        var form = page.GetByRole(AriaRole.Form, new() { Name = action });
        await form.GetByLabel("Passkey").FillAsync(passkey);
        await form.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        // Submitting empties the result area at once; the answer fills it again.
        await Expect(Result(page).Locator(".message")).ToHaveCountAsync(1);
    }
}

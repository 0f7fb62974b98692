using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>The Operator page in a real browser: tenants and a pair, the passkey shown once, nothing kept; tenants and pairs found by name.</summary>
[TestClass]
public sealed class OperatorConsoleTests
{
    public TestContext TestContext { get; set; } = null!;

    private static ConsoleFixture _fixture = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await ConsoleFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task Operator_CreatesAPair_SeesThePasskeyOnce_ReloadKeepsNothing()
    {
        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        var page = browser.Page;
        await browser.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await browser.SignInAsync("ops", "operator-1", Permissions.Setup);
        await browser.GoToAsync("Operator");

        await CreateTenantAsync(page, "Classics Inc.", "us-east");
        await CreateTenantAsync(page, "Classics Inc. BCP", "eu-west");
        var ids = page.GetByTestId("created-tenants").Locator("tbody tr code");
        await Expect(ids).ToHaveCountAsync(2);
        var primary = await ids.Nth(0).InnerTextAsync();
        var bcp = await ids.Nth(1).InnerTextAsync();
        await page.GetByLabel("Primary tenant id").FillAsync(primary);
        await page.GetByLabel("BCP tenant id").FillAsync(bcp);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create pair" }).ClickAsync();

        var panel = page.GetByTestId("passkey-panel");
        await Expect(panel).ToContainTextAsync("will not be shown again");
        var passkey = await panel.GetByTestId("passkey").InnerTextAsync();
        Assert.IsGreaterThanOrEqualTo(26, passkey.Replace("-", "").Length, $"at least 128 bits in base32: {passkey}");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Copy passkey" }).ClickAsync();
        await Expect(panel).ToContainTextAsync("Copied.");
        Assert.AreEqual(passkey, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        Assert.AreEqual(ConsoleStorage.Empty, await browser.StoredAsync(), "signed in, the token is in memory only");

        // The passkey shown is the pair's: the primary's admin switches with it.
        var pairId = await page.GetByLabel("Pair id").InputValueAsync();
        using var admin = _fixture.Host.ClientFor(primary, "admin-1", Permissions.ActivationEdit);
        var status = await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pairId, "bcp", passkey));
        Assert.AreEqual((PairRole.Bcp, 1L), (status.ActiveSide, status.Epoch));

        await panel.GetByRole(AriaRole.Button, new() { Name = "I have stored it" }).ClickAsync();
        await Expect(panel).ToHaveCountAsync(0);
        StringAssert.DoesNotMatch(await page.ContentAsync(), new Regex(Regex.Escape(passkey)));

        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to the Orleans.Bcp admin console" })).ToBeVisibleAsync();
        StringAssert.DoesNotMatch(await page.ContentAsync(), new Regex(Regex.Escape(passkey)));
        Assert.AreEqual(ConsoleStorage.Empty, await browser.StoredAsync(), "nothing left behind: no token, no passkey");
        await Expect(page.GetByTestId("account-name")).ToHaveCountAsync(0);
    }

    [TestMethod]
    public async Task Operator_RotatesThePasskey_AndSwitchesWithoutPasskeyGivingAReason()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        var page = browser.Page;
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await browser.SignInAsync("ops", "operator-1", Permissions.Setup);
        await browser.GoToAsync("Operator");
        await page.GetByLabel("Pair id").FillAsync(pair.PairId);

        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate passkey" }).ClickAsync();
        await Expect(page.GetByTestId("pair-action-message")).ToContainTextAsync("the old one no longer works");
        var rotated = await page.GetByTestId("passkey-panel").GetByTestId("passkey").InnerTextAsync();
        Assert.AreNotEqual(pair.Passkey, rotated);

        var reason = page.GetByLabel("Reason (required, audited)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch without passkey" }).ClickAsync();
        Assert.IsFalse(await reason.EvaluateAsync<bool>("element => element.validity.valid"), "no reason, no switch");
        await reason.FillAsync("Primary region outage, customer cannot find the passkey");
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch without passkey" }).ClickAsync();

        await Expect(page.GetByTestId("pair-action-message")).ToContainTextAsync("Classics Inc. BCP is now active (epoch 1)");
        await Expect(page.GetByTestId("operator-pair-status").GetByTestId("active-side")).ToHaveTextAsync("BCP tenant");
        using var admin = _fixture.Host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var audit = await BcpClient.GetAuditAsync(admin, pair.PairId);
        Assert.IsTrue(audit.Any(entry => entry.Action == "passkey-rotate"), "rotation audited");
        var back = await BcpClient.SwitchAsync(admin, pair.PairId, "primary", pair.Passkey);
        await BcpClient.ReadProblemAsync(back, System.Net.HttpStatusCode.Forbidden);
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "primary", rotated));
    }

    [TestMethod]
    public async Task Operator_FindsTenantsAndPairsByName_AnyCase_PageByPage_AndManagesAPairFound()
    {
        var marker = "Hollow" + Guid.NewGuid().ToString("N")[..6];
        var pairs = new List<TestPair>();
        for (var i = 0; i < 6; i++)
        {
            pairs.Add(await BcpClient.CreatePairAsync(_fixture.Host, $"{marker} Bank {i}"));
        }

        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        var page = browser.Page;
        await browser.SignInAsync("ops", "operator-1", Permissions.Setup);
        await browser.GoToAsync("Operator");

        await page.GetByLabel("Search by name or id").FillAsync(marker.ToUpperInvariant() + " bank");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }).ClickAsync();

        // 12 tenants (each pair's primary and BCP) in pages of 10; the 6 pairs on one page.
        var tenants = page.GetByTestId("found-tenants");
        await Expect(tenants.Locator("tbody tr")).ToHaveCountAsync(10);
        await Expect(tenants.Locator("caption")).ToContainTextAsync("page 1");
        var firstPage = await tenants.Locator("tbody tr td:first-child").AllInnerTextsAsync();
        await tenants.GetByRole(AriaRole.Button, new() { Name = "Next page of tenants" }).ClickAsync();
        await Expect(tenants.Locator("caption")).ToContainTextAsync("page 2");
        await Expect(tenants.Locator("tbody tr")).ToHaveCountAsync(2);
        var secondPage = await tenants.Locator("tbody tr td:first-child").AllInnerTextsAsync();
        await Expect(tenants.GetByRole(AriaRole.Button, new() { Name = "Next page of tenants" })).ToBeDisabledAsync();
        CollectionAssert.AreEquivalent(
            pairs.SelectMany((_, i) => new[] { $"{marker} Bank {i}", $"{marker} Bank {i} BCP" }).ToList(),
            firstPage.Concat(secondPage).ToList(), "every tenant found once, across the two pages");
        await tenants.GetByRole(AriaRole.Button, new() { Name = "Previous page of tenants" }).ClickAsync();
        await Expect(tenants.Locator("tbody tr")).ToHaveCountAsync(10);

        var found = page.GetByTestId("found-pairs");
        await Expect(found.Locator("tbody tr")).ToHaveCountAsync(6);
        await AxeScan.AssertNoSeriousViolationsAsync(page, TestContext);

        var target = pairs[3];
        await found.GetByRole(AriaRole.Button, new() { Name = $"Manage pair {marker} Bank 3 → {marker} Bank 3 BCP" }).ClickAsync();
        await Expect(page.GetByLabel("Pair id")).ToHaveValueAsync(target.PairId);
        await Expect(page.GetByTestId("operator-pair-status").GetByTestId("primary-tenant")).ToContainTextAsync($"{marker} Bank 3");

        // A pair's id finds it too; a name nobody has finds nothing.
        await page.GetByLabel("Search by name or id").FillAsync(target.PairId[..8]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }).ClickAsync();
        await Expect(found.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(found.Locator("tbody tr code")).ToHaveTextAsync(target.PairId);
        await page.GetByLabel("Search by name or id").FillAsync(marker + " nobody");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }).ClickAsync();
        await Expect(tenants).ToContainTextAsync("No tenants match");
        await Expect(found).ToContainTextAsync("No pairs match");
    }

    private static async Task CreateTenantAsync(IPage page, string name, string region)
    {
        await page.GetByLabel("Account name").FillAsync(name);
        await page.GetByLabel("Region").FillAsync(region);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create tenant" }).ClickAsync();
        await Expect(page.GetByTestId("tenant-message")).ToContainTextAsync($"Created {name}");
    }
}

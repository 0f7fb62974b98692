using System.Text;
using Microsoft.Playwright;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Sync;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>
/// Every page of the console, on the tenant of the source documents after a sync, a switch and a CSV upload:
/// an axe-core scan finds no serious or critical violation, and the page is photographed (docs/console/*.png).
/// </summary>
[TestClass]
public sealed class ConsolePagesTests
{
    private static readonly string[] AdminPermissions = [Permissions.ActivationEdit, Permissions.SyncEdit, Permissions.AccessEdit, Permissions.TenantConfigEdit];

    private static ConsoleFixture _fixture = null!;
    private static TestPair _pair = null!;
    private static TestPair _switched = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context)
    {
        _fixture = await ConsoleFixture.StartAsync();
        _pair = await BcpClient.CreatePairAsync(_fixture.Host);
        using var admin = _fixture.PrimaryAdmin(_pair);
        await ClassicsTenant.SeedAsync(admin, _pair.PrimaryTenantId);
        await SyncClient.ConfigureAsync(admin, _pair.PairId);
        await SyncClient.RunAsync(admin, _pair.PairId);
        await BcpClient.SwitchAsync(admin, _pair.PairId, "bcp", "NOT-THE-PASSKEY");

        // A second pair whose BCP tenant is active, for the BCP tenant's view.
        _switched = await BcpClient.CreatePairAsync(_fixture.Host, "Sleepy Hollow Ltd.");
        using var other = _fixture.PrimaryAdmin(_switched);
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(other, _switched.PairId, "bcp", _switched.Passkey));
    }

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    [DataRow("sign-in")]
    [DataRow("overview")]
    [DataRow("activation")]
    [DataRow("activation-bcp")]
    [DataRow("operator")]
    [DataRow("sync")]
    [DataRow("access")]
    [DataRow("checklist")]
    [DataRow("audit")]
    [DataRow("notifications")]
    public async Task Page_HasNoSeriousOrCriticalAccessibilityViolations(string name)
    {
        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        await OpenAsync(browser, name);

        await Screenshots.TakeAsync(browser.Page, TestContext, name);
        await AxeScan.AssertNoSeriousViolationsAsync(browser.Page, TestContext);
    }

    private static async Task OpenAsync(ConsoleBrowser browser, string name)
    {
        var page = browser.Page;
        switch (name)
        {
            case "sign-in":
                await page.GotoAsync("/");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in to the Orleans.Bcp admin console");
                break;
            case "overview":
                await browser.SignInAsync(_pair.PrimaryTenantId, "ichabod.crane", AdminPermissions);
                await Expect(page.GetByTestId("pair-status")).ToBeVisibleAsync();
                break;
            case "activation":
                await browser.SignInAsync(_pair.PrimaryTenantId, "ichabod.crane", AdminPermissions);
                await browser.GoToAsync("BC Activation");
                await page.GetByRole(AriaRole.Switch, new() { Name = "BCP tenant active" }).ClickAsync();
                await Expect(page.GetByLabel("Passkey", new() { Exact = true })).ToBeFocusedAsync();
                break;
            case "activation-bcp":
                await browser.SignInAsync(_switched.BcpTenantId, "ichabod.crane", AdminPermissions);
                await browser.GoToAsync("BC Activation");
                await Expect(page.GetByTestId("bcp-banner")).ToBeVisibleAsync();
                break;
            case "operator":
                await browser.SignInAsync("ops", "operator-1", Permissions.Setup);
                await browser.GoToAsync("Operator");
                await OperatorCreatesAPairAsync(page);
                break;
            case "sync":
                await browser.SignInAsync(_pair.PrimaryTenantId, "ichabod.crane", AdminPermissions);
                await browser.GoToAsync("Sync");
                await Expect(page.GetByTestId("run-history").GetByTestId("run-counts")).ToBeVisibleAsync();
                break;
            case "access":
                await browser.SignInAsync(_pair.PrimaryTenantId, "ichabod.crane", AdminPermissions);
                await browser.GoToAsync("BCP access");
                await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
                {
                    Name = "bcp-types.csv",
                    MimeType = "text/csv",
                    Buffer = Encoding.UTF8.GetBytes("username,bcpType\nichabod.crane@classics.example,multiple\nkatrina.vantassel@classics.example,everyone\nsleepy.hollow@classics.example,single\n"),
                });
                await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
                await Expect(page.GetByTestId("invalid-rows")).ToBeVisibleAsync();
                break;
            case "checklist":
                await browser.SignInAsync(_pair.PrimaryTenantId, "ichabod.crane", AdminPermissions);
                await browser.GoToAsync("Script checklist");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Main IVR" })).ToBeVisibleAsync();
                break;
            case "audit":
                await browser.SignInAsync(_pair.PrimaryTenantId, "ichabod.crane", AdminPermissions);
                await browser.GoToAsync("Audit log");
                await Expect(page.GetByTestId("audit").Locator("tbody tr").First).ToBeVisibleAsync();
                break;
            case "notifications":
                await browser.SignInAsync(_pair.PrimaryTenantId, "ichabod.crane", AdminPermissions);
                await browser.GoToAsync("Notifications");
                // Development accepts a loopback receiver; a host name must resolve (Silo/Webhooks/WebhookTargets.cs).
                await page.GetByLabel("Receiver URL").FillAsync("http://127.0.0.1:9/bcp");
                await page.GetByRole(AriaRole.Button, new() { Name = "Register webhook" }).ClickAsync();
                await Expect(page.GetByTestId("secret-panel")).ToBeVisibleAsync();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "no such page");
        }
    }

    private static async Task OperatorCreatesAPairAsync(IPage page)
    {
        foreach (var (name, region) in new[] { ("Katrina's Bakery", "us-west"), ("Katrina's Bakery BCP", "eu-north") })
        {
            await page.GetByLabel("Account name").FillAsync(name);
            await page.GetByLabel("Region").FillAsync(region);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create tenant" }).ClickAsync();
            await Expect(page.GetByTestId("tenant-message")).ToContainTextAsync($"Created {name}");
        }

        var ids = page.GetByTestId("created-tenants").Locator("tbody tr code");
        await page.GetByLabel("Primary tenant id").FillAsync(await ids.Nth(0).InnerTextAsync());
        await page.GetByLabel("BCP tenant id").FillAsync(await ids.Nth(1).InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Create pair" }).ClickAsync();
        await Expect(page.GetByTestId("passkey-panel")).ToBeVisibleAsync();
    }
}

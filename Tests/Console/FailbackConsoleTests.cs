using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Readiness;
using Orleans.Bcp.Tests.Sync;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>
/// The guarded failback in a real browser (docs/failback.md, docs/console.md): the Failback page lists a change made in the
/// BCP tenant while it is active, downloads it as CSV and JSON, checks the primary region, and the return prompt counts
/// what the first sync overwrites and demands a confirmation before the passkey is sent.
/// </summary>
[TestClass]
public sealed class FailbackConsoleTests
{
    /// <summary>A return switch that waits long enough for the report on a loaded machine, so its answer carries the count (as in FailbackTests).</summary>
    private static readonly IReadOnlyDictionary<string, string?> Settings =
        new Dictionary<string, string?>(ReadinessClient.FreshReports) { ["Readiness:SwitchWait"] = "00:00:10" };

    private static ConsoleFixture _fixture = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await ConsoleFixture.StartAsync(settings: Settings);

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task FailbackPage_ListsTheBcpChange_DownloadsIt_AndTheReturnPromptDemandsConfirmationBeforeSwitching()
    {
        var (pair, skill, copy) = await EditedInTheBcpTenantAsync(_fixture);
        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        var page = browser.Page;
        await browser.SignInAsync(pair.BcpTenantId, "admin-1", Permissions.ActivationEdit);
        await browser.GoToAsync("Failback");

        await Expect(page.GetByTestId("primary-check")).ToHaveAttributeAsync("data-reachable", "true");
        var row = page.GetByTestId("bcp-changes").Locator("tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Billing (BCP)");
        await Expect(row).ToHaveAttributeAsync("data-sync-will", "overwrite");
        await Expect(page.GetByTestId("failback-overwritten")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("primary-changes").Locator("tbody")).ToHaveTextAsync("None.");
        Assert.IsLessThanOrEqualTo(1280, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), "the page does not scroll sideways");

        var csv = await DownloadAsync(page, "Download CSV");
        Assert.AreEqual($"failback-{pair.PairId}.csv", csv.Name);
        var lines = csv.Text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        CollectionAssert.AreEqual(
            new[] { "side,type,name,change,syncWill,bcpId,primaryId,changedAt,changedBy", $"bcp,skills,Billing (BCP),changed,overwrite,{copy},{skill},," },
            lines, csv.Text);
        var json = JsonNode.Parse((await DownloadAsync(page, "Download JSON")).Text)!;
        Assert.AreEqual((1, "bcp", copy), (json["counts"]!["overwrite"]!.GetValue<int>(), json["activeSide"]!.GetValue<string>(), json["bcpChanges"]![0]!["bcpId"]!.GetValue<string>()));
        await AxeScan.AssertNoSeriousViolationsAsync(page, TestContext);
        await Screenshots.TakeAsync(page, TestContext, "failback");

        // The return: the prompt counts the change, links the list, and will not send the passkey until it is confirmed.
        var switches = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "PUT" && request.Url.EndsWith("/active-side", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref switches);
            }
        };
        await browser.GoToAsync("BC Activation");
        await page.GetByRole(AriaRole.Switch, new() { Name = "BCP tenant active" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Return to primary" });
        await Expect(form.GetByTestId("prompt-overwrite-count")).ToContainTextAsync("1 change made in the BCP tenant will be lost: the first sync after the return overwrites 1 and deletes 0.");
        await Expect(form.GetByRole(AriaRole.Link, new() { Name = "the list of BCP changes" })).ToHaveAttributeAsync("href", "#/failback");
        await form.GetByLabel("Passkey").FillAsync(pair.Passkey);
        var confirm = form.GetByLabel("I have read the list: overwrite 1 BCP change");
        await form.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();

        Assert.IsTrue(await confirm.EvaluateAsync<bool>("e => e.validity.valueMissing"), "the browser refuses the form without the confirmation");
        await Expect(form).ToBeVisibleAsync();
        await confirm.CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();

        await Expect(ActivationConsoleTests.Result(page)).ToContainTextAsync("Switched.");
        await Expect(page.GetByTestId("switched-overwrites")).ToHaveTextAsync("The first sync overwrites 1 BCP change.");
        Assert.AreEqual(1, Volatile.Read(ref switches), "one switch was sent: the unconfirmed submit sent nothing");
        using var admin = _fixture.PrimaryAdmin(pair);
        var status = await BcpClient.GetStatusAsync(admin, pair.PairId);
        Assert.AreEqual((PairRole.Primary, 2L), (status.ActiveSide, status.Epoch));
    }

    [TestMethod]
    public async Task PrimaryRegionDown_TheFailbackPageAndTheReturnPromptSaySo()
    {
        // A host of its own: the region taken down stays down (FailbackTests simulates the outage the same way).
        await using var fixture = await ConsoleFixture.StartAsync(OutageStoreProvider.Install(), Settings);
        var (pair, _, _) = await EditedInTheBcpTenantAsync(fixture);
        ((OutageStoreProvider)fixture.Host.Services.GetRequiredService<IObjectStoreProvider>()).Down("us-east");
        await using var browser = await ConsoleBrowser.OpenAsync(fixture.Host);
        var page = browser.Page;
        await browser.SignInAsync(pair.BcpTenantId, "admin-1", Permissions.ActivationEdit);
        await browser.GoToAsync("Failback");

        var check = page.GetByTestId("primary-check");
        await Expect(check).ToHaveAttributeAsync("data-reachable", "false");
        await Expect(check).ToContainTextAsync("The primary region does not answer.");
        await Expect(check.GetByTestId("failback-notes")).ToContainTextAsync("unknown");
        await Expect(page.GetByTestId("primary-changes")).ToHaveTextAsync("Unknown: the primary region's store did not answer.");
        await Expect(page.GetByTestId("bcp-changes").Locator("tbody tr")).ToContainTextAsync("Billing (BCP)");
        await AxeScan.AssertNoSeriousViolationsAsync(page, TestContext);

        await browser.GoToAsync("BC Activation");
        await page.GetByRole(AriaRole.Switch, new() { Name = "BCP tenant active" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Return to primary" });
        await Expect(form.GetByTestId("prompt-primary-down")).ToContainTextAsync("The primary region's store does not answer.");
        await Expect(form.GetByTestId("prompt-overwrite-count")).ToContainTextAsync("1 change made in the BCP tenant will be lost");
    }

    /// <summary>A skill synced to the BCP tenant, the pair switched to BCP, and the copy renamed there while it is active.</summary>
    private static async Task<(TestPair Pair, string Skill, string Copy)> EditedInTheBcpTenantAsync(ConsoleFixture fixture)
    {
        var pair = await BcpClient.CreatePairAsync(fixture.Host);
        using var admin = fixture.PrimaryAdmin(pair);
        var skill = await TenantData.PrimaryOf(fixture.Host, pair).AddAsync(EntityTypes.Skills, new { name = "Billing" });
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.RunAsync(admin, pair.PairId);
        var copy = (await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.Skills, skill))!;
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        await TenantData.BcpOf(fixture.Host, pair).UpdateAsync(EntityTypes.Skills, copy, data => data["name"] = "Billing (BCP)");
        return (pair, skill, copy);
    }

    private static async Task<(string Name, string Text)> DownloadAsync(IPage page, string button)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync());
        var path = await download.PathAsync();
        return (download.SuggestedFilename, await File.ReadAllTextAsync(path));
    }
}

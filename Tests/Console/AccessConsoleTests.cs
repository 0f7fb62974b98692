using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>BCP access in a real browser: a CSV of 1,000 rows with one bad row is refused whole, naming that row's line.</summary>
[TestClass]
public sealed class AccessConsoleTests
{
    private const int Rows = 1000;
    private const int BadRow = 637;

    private static ConsoleFixture _fixture = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await ConsoleFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    // Alone: the 1,000-row upload must answer within a step's time (ConsoleBrowser.StepTimeoutMs), which other classes' load stretched.
    [DoNotParallelize]
    public async Task CsvWithOneBadRowAmong1000_ShowsThatRowsLine_AndChangesNothing()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        using var admin = _fixture.PrimaryAdmin(pair);
        var usernames = await SeedUsersAsync(admin, pair.PrimaryTenantId);
        var rows = usernames.Select((username, i) => $"{username},{(i == BadRow ? "everyone" : i % 2 == 0 ? "single" : "multiple")}");
        var csv = "username,bcpType\n" + string.Join("\n", rows) + "\n";

        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        var page = browser.Page;
        await browser.SignInAsync(pair.PrimaryTenantId, "access-admin", Permissions.AccessEdit);
        await browser.GoToAsync("BCP access");
        await Expect(page.GetByTestId("count-none")).ToHaveTextAsync(Rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await UploadAsync(page, csv);

        await Expect(page.GetByTestId("csv-result")).ToContainTextAsync("The file was rejected. Nothing was applied.");
        await Expect(page.GetByTestId("csv-result")).ToContainTextAsync("1 row is invalid");
        var invalid = page.GetByTestId("invalid-rows").Locator("tbody tr");
        await Expect(invalid).ToHaveCountAsync(1);
        // The header is line 1, so row i (from 0) is on line i + 2.
        await Expect(invalid.GetByTestId("invalid-line")).ToHaveTextAsync($"{BadRow + 2}");
        await Expect(invalid).ToContainTextAsync("bad-type");
        await Expect(invalid).ToContainTextAsync(usernames[BadRow]);

        var counts = await admin.GetFromJsonAsync<JsonElement>($"/tenant-pairs/{pair.PairId}/bcp-access");
        Assert.AreEqual((Rows, 0, 0), (counts.GetProperty("none").GetInt32(), counts.GetProperty("single").GetInt32(), counts.GetProperty("multiple").GetInt32()), "nothing applied");
        var audit = await BcpClient.GetAuditAsync(admin, pair.PairId);
        Assert.IsFalse(audit.Any(entry => entry.Action == "bcp-type-bulk"), "a rejected file writes nothing, audit included");

        // Fixed and uploaded whole again, it applies, and the counts follow.
        await UploadAsync(page, csv.Replace(",everyone", ",none", StringComparison.Ordinal));
        await Expect(page.GetByTestId("csv-result")).ToContainTextAsync("Applied: 999 changed, 1 already had their type.");
        await Expect(page.GetByTestId("count-single")).ToHaveTextAsync("500");
        await Expect(page.GetByTestId("count-multiple")).ToHaveTextAsync("499");
        await Expect(page.GetByTestId("count-billable")).ToHaveTextAsync("999");
    }

    [TestMethod]
    public async Task OneUsersType_IsEditedInTheTable()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host, "Sleepy Hollow Ltd.");
        using var admin = _fixture.PrimaryAdmin(pair);
        var username = ConfigSamples.UniqueUsername("katrina");
        await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, "users", new { username, firstName = "Katrina", lastName = "Van Tassel" });

        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        var page = browser.Page;
        await browser.SignInAsync(pair.PrimaryTenantId, "access-admin", Permissions.AccessEdit);
        await browser.GoToAsync("BCP access");
        await page.GetByRole(AriaRole.Combobox, new() { Name = $"BCP type of {username}", Exact = true }).SelectOptionAsync("single");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Save BCP type of {username}" }).ClickAsync();

        await Expect(page.GetByTestId("user-message")).ToContainTextAsync($"{username} now has BCP type single.");
        await Expect(page.GetByTestId("count-billable")).ToHaveTextAsync("1");
    }

    private static async Task UploadAsync(IPage page, string csv)
    {
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "bcp-types.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
    }

    /// <summary>The users the file names, created through the configuration API, 16 at a time.</summary>
    private static async Task<string[]> SeedUsersAsync(HttpClient admin, string tenantId)
    {
        var usernames = Enumerable.Range(0, Rows).Select(i => ConfigSamples.UniqueUsername($"agent.{i:D4}")).ToArray();
        await Parallel.ForEachAsync(usernames, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (username, _) =>
            await ConfigClient.CreateIdAsync(admin, tenantId, "users", new { username }));
        return usernames;
    }
}

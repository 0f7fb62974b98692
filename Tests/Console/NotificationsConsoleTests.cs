using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Webhooks;
using StandardWebhooks;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>The Notifications page in a real browser, against a real receiver on loopback (the server runs in Development).</summary>
[TestClass]
public sealed class NotificationsConsoleTests
{
    private static ConsoleFixture _fixture = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await ConsoleFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task Admin_RegistersAWebhook_SeesTheSecretOnce_AndTheSwitchDelivered_ThenRemovesIt()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        var page = browser.Page;
        await browser.SignInAsync(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        await browser.GoToAsync("Notifications");
        await Expect(page.GetByTestId("webhooks")).ToContainTextAsync("No webhook is registered");

        await page.GetByLabel("Receiver URL").FillAsync(receiver.Url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register webhook" }).ClickAsync();
        var panel = page.GetByTestId("secret-panel");
        await Expect(panel).ToContainTextAsync("will not be shown again");
        var secret = await panel.GetByTestId("secret").InnerTextAsync();
        StringAssert.StartsWith(secret, "whsec_");
        await Expect(page.GetByTestId("webhooks").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("webhooks")).ToContainTextAsync("switch.succeeded, switch.rejected, switch.locked");

        // The secret the page showed verifies what the receiver gets.
        using var admin = _fixture.PrimaryAdmin(pair);
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        var received = await receiver.WaitForAsync(webhook => webhook.Type == "switch.succeeded", TimeSpan.FromSeconds(5));
        new StandardWebhook(secret).Verify(received.Body, received.Headers);

        await panel.GetByRole(AriaRole.Button, new() { Name = "I have stored it" }).ClickAsync();
        await Expect(panel).ToHaveCountAsync(0);
        StringAssert.DoesNotMatch(await page.ContentAsync(), new Regex(Regex.Escape(secret)));
        Assert.AreEqual(ConsoleStorage.Empty, await browser.StoredAsync(), "the secret is kept nowhere");

        await page.GetByRole(AriaRole.Button, new() { Name = "Deliveries" }).ClickAsync();
        var delivered = page.GetByTestId("deliveries").Locator("tbody tr[data-status=delivered]");
        await Expect(delivered).ToHaveCountAsync(1);
        await Expect(delivered).ToContainTextAsync(received.Id);
        await Expect(delivered).ToContainTextAsync("HTTP 204");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Remove {receiver.Url}" }).ClickAsync();
        await Expect(page.GetByTestId("webhooks-message")).ToContainTextAsync("gets no more deliveries");
        await Expect(page.GetByTestId("webhooks")).ToContainTextAsync("No webhook is registered");
    }

    [TestMethod]
    public async Task RegisteringWithoutEvents_IsRefused_AndNothingIsRegistered()
    {
        var pair = await BcpClient.CreatePairAsync(_fixture.Host);
        await using var browser = await ConsoleBrowser.OpenAsync(_fixture.Host);
        var page = browser.Page;
        await browser.SignInAsync(pair.BcpTenantId, "admin-1", Permissions.ActivationEdit);
        await browser.GoToAsync("Notifications");

        await page.GetByLabel("Receiver URL").FillAsync("http://127.0.0.1:9/hooks");
        foreach (var type in new[] { "switch.succeeded", "switch.rejected", "switch.locked" })
        {
            await page.GetByLabel(type).UncheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Register webhook" }).ClickAsync();

        await Expect(page.GetByTestId("webhook-create-message").GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Expect(page.GetByTestId("secret-panel")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("webhooks")).ToContainTextAsync("No webhook is registered");
    }
}

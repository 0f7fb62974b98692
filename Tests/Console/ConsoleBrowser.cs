using Microsoft.Playwright;
using Orleans.Bcp.Tests.Infrastructure;

// The namespace is not "…Tests.Console": that would hide System.Console from every test namespace.
namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, which test.sh installs) driven by Playwright, headless, with a
/// profile folder of its own, on the admin console of one host. Playwright never downloads a browser here.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>How long a step may take on a loaded 2-core machine before the test fails.</summary>
    public const float StepTimeoutMs = 20_000;

    private static readonly string[] Arguments =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly IPlaywright _playwright;
    private readonly TempFolder _profile;

    private ConsoleBrowser(IPlaywright playwright, TempFolder profile, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _profile = profile;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static async Task<ConsoleBrowser> OpenAsync(ApiHost host)
    {
        Assert.IsTrue(File.Exists(ChromiumPath), $"Debian's chromium is not at {ChromiumPath}: apt-get install chromium (test.sh installs it).");
        Assertions.SetDefaultExpectTimeout(StepTimeoutMs);
        var playwright = await Playwright.CreateAsync();
        var profile = new TempFolder();
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile.Path, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = Arguments,
            BaseURL = host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(StepTimeoutMs);
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        return new ConsoleBrowser(playwright, profile, context, page);
    }

    /// <summary>Signs in with the console's Development form, as a person would, and waits for the first page.</summary>
    public async Task SignInAsync(string tenantId, string userId, params string[] permissions)
    {
        await Page.GotoAsync("/");
        await Page.GetByLabel("Tenant id").FillAsync(tenantId);
        await Page.GetByLabel("User id").FillAsync(userId);
        foreach (var permission in permissions)
        {
            await Page.GetByRole(AriaRole.Checkbox, new() { Name = permission }).CheckAsync();
        }

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Follows a navigation link and waits for the page's heading.</summary>
    public async Task GoToAsync(string title)
    {
        await Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>What the page keeps in the browser: local and session storage, cookies, IndexedDB databases.</summary>
    public async Task<string> StoredAsync()
    {
        var stored = await Page.EvaluateAsync<string>("""
            async () => JSON.stringify({
              local: Object.keys(localStorage),
              session: Object.keys(sessionStorage),
              cookie: document.cookie,
              indexedDb: (await indexedDB.databases()).map(d => d.name),
            })
            """);
        var cookies = await Context.CookiesAsync();
        return $"{stored} cookies: {cookies.Count}";
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        _profile.Dispose();
    }
}

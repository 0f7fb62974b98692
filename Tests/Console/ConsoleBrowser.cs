using Microsoft.Playwright;
using Orleans.Bcp.Tests.Infrastructure;

// The namespace is not "…Tests.Console": that would hide System.Console from every test namespace.
namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>
/// Debian's Chromium headless shell (package <c>chromium-headless-shell</c>, which test.sh installs) driven by Playwright
/// on the admin console of one host. Playwright never downloads a browser here. One Chromium serves the whole test run
/// (starting one takes seconds); each <see cref="ConsoleBrowser"/> is a context of its own in it, with its own cookies
/// and storage, so what one test's page keeps no other test sees.
/// </summary>
/// <remarks>
/// The headless shell is the same Chromium (same Debian version, same Blink) without the full browser around its
/// pages: the console tests' Chromium used 155 s of CPU as the full <c>chromium --headless</c> (three renderers per test,
/// the browser process 46 s) and 55 s as the shell (one renderer per test; docs/testing.md, "The admin console's
/// tests"). Playwright uses the shell too for headless runs with its own browsers.
/// </remarks>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    /// <summary>The binary itself: <c>/usr/bin/chromium-headless-shell</c> is a shell script that does not exec it.</summary>
    public const string ChromiumPath = "/usr/lib/chromium/chromium-headless-shell";

    /// <summary>How long a step may take on a loaded 2-core machine before the test fails.</summary>
    public const float StepTimeoutMs = 20_000;

    private static readonly string[] Arguments =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private static readonly SemaphoreSlim Launching = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _chromium;

    private ConsoleBrowser(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static async Task<ConsoleBrowser> OpenAsync(ApiHost host)
    {
        Assertions.SetDefaultExpectTimeout(StepTimeoutMs);
        var chromium = await ChromiumAsync();
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(StepTimeoutMs);
        return new ConsoleBrowser(context, await context.NewPageAsync());
    }

    /// <summary>Closes the run's Chromium, if one was started (at the end of the test run).</summary>
    internal static async Task CloseSharedAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.CloseAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>The run's Chromium, started by the first test that needs it (again if it went away).</summary>
    private static async Task<IBrowser> ChromiumAsync()
    {
        await Launching.WaitAsync();
        try
        {
            if (_chromium is { IsConnected: true })
            {
                return _chromium;
            }

            Assert.IsTrue(File.Exists(ChromiumPath), $"Debian's Chromium headless shell is not at {ChromiumPath}: apt-get install chromium-headless-shell (test.sh installs it).");
            _playwright ??= await Playwright.CreateAsync();
            _chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = Arguments,
            });
            return _chromium;
        }
        finally
        {
            Launching.Release();
        }
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

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}

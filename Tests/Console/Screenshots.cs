using Microsoft.Playwright;

namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>
/// Screenshots of the console's pages. Every run attaches them to the test results; with
/// <c>BCP_UPDATE_SCREENSHOTS=1</c> they also replace the committed ones in docs/console/ (shown in
/// docs/console.md), so an ordinary run — CI's included — leaves the work tree as it was.
/// </summary>
public static class Screenshots
{
    public const string UpdateVariable = "BCP_UPDATE_SCREENSHOTS";

    public static async Task TakeAsync(IPage page, TestContext context, string name)
    {
        var folder = Path.Combine(context.TestResultsDirectory ?? Path.GetTempPath(), "console");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        context.AddResultFile(path);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            var docs = Path.Combine(RepositoryRoot(), "docs", "console");
            Directory.CreateDirectory(docs);
            File.Copy(path, Path.Combine(docs, name + ".png"), overwrite: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Orleans.Bcp.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Orleans.Bcp.sln) is not above the test binaries.");
    }
}

using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>An axe-core scan of what the page shows now: no serious or critical violation (minor ones are written to the test log).</summary>
internal static class AxeScan
{
    public static async Task AssertNoSeriousViolationsAsync(IPage page, TestContext context)
    {
        var result = await page.RunAxe();
        foreach (var minor in result.Violations.Where(v => v.Impact is not ("serious" or "critical")))
        {
            context.WriteLine($"axe ({minor.Impact}): {minor.Id} — {minor.Help}");
        }

        var report = new StringBuilder();
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            report.AppendLine($"{violation.Id} ({violation.Impact}): {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                report.AppendLine($"  {node.Html}");
            }
        }

        Assert.AreEqual(0, report.Length, report.ToString());
        Assert.IsNotEmpty(result.Passes, "axe ran its rules");
    }
}

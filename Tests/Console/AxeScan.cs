using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>An axe-core scan of the page as it is: no serious or critical violation (minor ones are written to the test's output).</summary>
public static class AxeScan
{
    public static async Task AssertNoSeriousViolationsAsync(IPage page, TestContext context)
    {
        var result = await page.RunAxe();
        foreach (var minor in result.Violations.Where(v => v.Impact is not ("serious" or "critical")))
        {
            context.WriteLine($"axe ({minor.Impact}): {minor.Id} — {minor.Help}");
        }

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        var report = new StringBuilder();
        foreach (var violation in serious)
        {
            report.AppendLine($"{violation.Id} ({violation.Impact}): {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                report.AppendLine($"  {node.Html}");
            }
        }

        Assert.IsEmpty(serious, report.ToString());
        Assert.IsNotEmpty(result.Passes, "axe ran its rules");
    }
}

using System.Text;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>
/// An axe-core scan of the page as it is: no serious or critical violation (minor ones are written to the test's output).
/// </summary>
/// <remarks>
/// axe-core (the build Deque.AxeCore.Commons bundles) runs its default rules with <c>axe.run</c> in the page itself.
/// Deque.AxeCore.Playwright's <c>RunAxe</c> runs the same rules in parts, then finishes the run in a new browser
/// context with axe-core injected again: 1.6 to 2.5 s per scan, most of it that second context, against 0.1 s for
/// <c>axe.run</c> on the same page (docs/testing.md, "The admin console's tests"). The parts exist for frames of other
/// origins; the console has no frames, which the scan asserts.
/// </remarks>
public static class AxeScan
{
    private static readonly Lazy<string> Source = new(() => new BundledAxeScriptProvider().GetScript());

    public static async Task AssertNoSeriousViolationsAsync(IPage page, TestContext context)
    {
        Assert.HasCount(1, page.Frames, "the scan covers the page's one frame");
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync($"() => {{ {Source.Value} }}");
        }

        var result = new AxeResult(JObject.Parse(await page.EvaluateAsync<string>("async () => JSON.stringify(await axe.run(document))")));
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

using System.Diagnostics;
using Orleans.Bcp.Grains.Abstractions.Drills;

namespace Orleans.Bcp.Silo.Drills;

/// <summary>
/// The drill's <c>nodes</c> step: every silo active in the membership now (the silos a switch's push must reach) is
/// pinged through its silo control (the management grain's per-silo call) and must answer within <see cref="Deadline"/>.
/// </summary>
public sealed class DrillNodes(IClusterMembershipService membership, IGrainFactory grains)
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);

    public async Task<DrillStep> RunAsync()
    {
        var active = membership.CurrentSnapshot.Members.Values.Where(member => member.Status == SiloStatus.Active).ToList();
        var management = grains.GetGrain<IManagementGrain>(0);
        var items = await Task.WhenAll(active.Select(async member =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await management.GetRuntimeStatistics([member.SiloAddress]).WaitAsync(Deadline);
                return new DrillItem(member.SiloAddress.ToString(), member.Name, "answered", $"in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var why = ex is TimeoutException ? $"no answer within {Deadline.TotalMilliseconds:F0} ms" : "the call failed";
                return new DrillItem(member.SiloAddress.ToString(), member.Name, "no-answer", why);
            }
        }));
        var counts = DrillSteps.Count(items.Select(item => item.Outcome), "answered", "no-answer");
        var summary = $"{counts["answered"]} of {items.Length} active silos answered within {Deadline.TotalMilliseconds:F0} ms.";
        return DrillSteps.Of(DrillStepIds.Nodes, counts["no-answer"] == 0 && items.Length > 0, summary, counts,
            items.OrderBy(item => item.Outcome == "answered").ThenBy(item => item.Id, StringComparer.Ordinal));
    }
}

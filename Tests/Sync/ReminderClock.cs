using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Silo.Reminders;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>Moves a fake clock shared by several silos and waits until each has scanned its reminders and served what was due.</summary>
public sealed class ReminderClock(FakeTimeProvider time)
{
    /// <summary>The silo's default scan interval: the smallest step that makes every silo scan once.</summary>
    public static readonly TimeSpan ScanInterval = new ReminderOptions().ScanInterval;

    private static readonly TimeSpan ScanDeadline = TimeSpan.FromSeconds(30);

    public FakeTimeProvider Time => time;

    /// <summary>Waits for the first scan a silo makes when it starts.</summary>
    public static Task StartedAsync(ApiHost host) => WaitForScanAsync(Service(host), 0);

    public async Task AdvanceAsync(TimeSpan by, params ApiHost[] hosts)
    {
        Assert.IsTrue(by >= ScanInterval, "a shorter step would not reach the next scan");
        var services = hosts.Select(Service).ToList();
        var before = services.Select(service => service.ScansCompleted).ToList();
        time.Advance(by);
        for (var i = 0; i < services.Count; i++)
        {
            await WaitForScanAsync(services[i], before[i]);
        }

        await Task.WhenAll(services.Select(service => service.WhenIdleAsync()));
    }

    public static ReminderService Service(ApiHost host) => host.Services.GetRequiredService<ReminderService>();

    private static async Task WaitForScanAsync(ReminderService service, long after)
    {
        var deadline = DateTime.UtcNow + ScanDeadline;
        while (service.ScansCompleted <= after)
        {
            Assert.IsTrue(DateTime.UtcNow < deadline, $"the silo did not scan its reminders (scans: {service.ScansCompleted})");
            await Task.Delay(5);
        }
    }
}

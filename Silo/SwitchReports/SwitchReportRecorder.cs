using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.SwitchReports;

namespace Orleans.Bcp.Silo.SwitchReports;

/// <summary>Gives a switch's report the times the node that took its request knows: when it arrived, and the commit.</summary>
public sealed class SwitchReportRecorder(IGrainFactory grains, TimeProvider timeProvider)
{
    /// <summary>Now, as the time a switch request reached this node.</summary>
    public DateTimeOffset Now() => timeProvider.GetUtcNow();

    /// <summary>
    /// Records an effective switch (one-way: the switch's answer does not wait for its report); <paramref name="approvedAt"/>
    /// when it went through two-person approval.
    /// </summary>
    public void Switched(PairStatus status, DateTimeOffset requestedAt, DateTimeOffset? approvedAt = null)
    {
        if (status.LastSwitch is { } last && last.Epoch == status.Epoch)
        {
            _ = grains.GetGrain<ISwitchReportGrain>(status.PairId).RecordSwitchAsync(last.Epoch, last.ToSide, last.By, requestedAt, last.At, approvedAt);
        }
    }
}

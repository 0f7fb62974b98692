using Orleans.Bcp.Grains.Abstractions.SwitchReports;

namespace Orleans.Bcp.Grains.SwitchReports;

/// <summary>The durable part of a pair's switch reports.</summary>
public sealed class SwitchReportState
{
    /// <summary>Newest (highest epoch) first, at most <see cref="ISwitchReportGrain.HistoryLimit"/>.</summary>
    public List<SwitchReport> Reports { get; set; } = [];
}

using System.Collections.Immutable;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Concurrency;

namespace Orleans.Bcp.Grains.Abstractions.SwitchReports;

/// <summary>A pair's switch reports (the last <see cref="HistoryLimit"/>), kept in the control store. Key: pair id.</summary>
[Alias("bcp.ISwitchReportGrain")]
public interface ISwitchReportGrain : IGrainWithStringKey
{
    /// <summary>Reports kept per pair, newest first.</summary>
    const int HistoryLimit = 50;

    /// <summary>
    /// The switch as the node that took its request saw it (one-way: the switch's answer never waits for it);
    /// <paramref name="approvedAt"/> when a second person approved it.
    /// </summary>
    [OneWay, Alias("RecordSwitchAsync")]
    Task RecordSwitchAsync(long epoch, PairRole side, Actor actor, DateTimeOffset requestedAt, DateTimeOffset committedAt, DateTimeOffset? approvedAt = null);

    /// <summary>The pair's settled effect record of a switch (one-way, from the pair grain).</summary>
    [OneWay, Alias("RecordEffectAsync")]
    Task RecordEffectAsync(SwitchEffect effect);

    /// <summary>A silo's first answer of <paramref name="kind"/> with <paramref name="epoch"/>; the earliest of all silos is kept.</summary>
    [OneWay, Alias("RecordFirstAnswerAsync")]
    Task RecordFirstAnswerAsync(long epoch, SwitchAnswerKind kind, DateTimeOffset at);

    /// <summary>The recorded switches, newest first.</summary>
    [Alias("ListAsync")]
    Task<ImmutableList<SwitchReport>> ListAsync(int limit);

    /// <summary>The recorded switch of <paramref name="epoch"/>, or null.</summary>
    [Alias("GetAsync")]
    Task<SwitchReport?> GetAsync(long epoch);
}

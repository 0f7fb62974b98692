using System.Runtime.CompilerServices;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Api.Pairs;

/// <summary>
/// The status read's answer kept with its UTF-8 body, so that a poll of an unchanged pair serializes nothing: the
/// document (~1.5 KB with the sync's last run) cost the read more CPU than the rest of its own work
/// (docs/benchmarks.md, "Hot paths near the ceiling").
/// </summary>
/// <remarks>
/// Kept per pair status object, as the silo keeps it (a push brings a new one), and reused only for the very same
/// sync summary object (read again at least every second), the same answer on whether a switch lock has ended and the
/// same name of the last switch's user, so
/// it is never staler than its inputs. Weakly keyed: a status the silo has replaced takes its body with it.
/// </remarks>
internal static class PairStatusBodies
{
    private static readonly ConditionalWeakTable<PairStatus, KeptStatusBody> Kept = [];

    public static BufferedJsonOk<PairStatusDocument> Answer(HttpContext http, PairStatus status, SyncSummary sync, bool lockEnded, string? byUsername)
    {
        if (Kept.TryGetValue(status, out var kept) && ReferenceEquals(kept.Sync, sync) && kept.LockEnded == lockEnded && kept.ByUsername == byUsername)
        {
            return new BufferedJsonOk<PairStatusDocument>(kept.Document, kept.Body);
        }

        var shown = lockEnded ? status with { SwitchLockedUntil = null } : status;
        var document = PairStatusDocument.From(shown) with { Sync = SyncSummaryDocument.From(sync) };
        if (document.LastSwitch is { } last)
        {
            document = document with { LastSwitch = last with { ByUsername = byUsername } };
        }

        var body = BufferedJsonOk<PairStatusDocument>.Serialize(http, document);
        Kept.AddOrUpdate(status, new KeptStatusBody(sync, lockEnded, byUsername, document, body));
        return new BufferedJsonOk<PairStatusDocument>(document, body);
    }
}

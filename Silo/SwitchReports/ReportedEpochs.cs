using Orleans.Bcp.Grains.Abstractions.SwitchReports;

namespace Orleans.Bcp.Silo.SwitchReports;

/// <summary>The epoch of a pair whose first answer of each kind this silo has reported: read and claimed without a lock.</summary>
internal sealed class ReportedEpochs
{
    private readonly long[] _epochs = new long[Enum.GetValues<SwitchAnswerKind>().Length];

    /// <summary>True for exactly one caller per epoch newer than the one reported (the caller reports it).</summary>
    public bool TryClaim(SwitchAnswerKind kind, long epoch)
    {
        ref var reported = ref _epochs[(int)kind];
        while (true)
        {
            var seen = Volatile.Read(ref reported);
            if (epoch <= seen)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref reported, epoch, seen) == seen)
            {
                return true;
            }
        }
    }
}

namespace Orleans.Bcp.Grains.Sync;

/// <summary>
/// Whether a run may still write to the BCP tenant. The engine asks before every batch of writes and before every single
/// write; once the answer is no it stays no, and the asking throws <see cref="RunFencedException"/>.
/// </summary>
public interface IRunFence
{
    /// <summary>Before a batch (intents, a chunk of copies, completions, deletes): every condition, the sync grain's included.</summary>
    ValueTask BeforeBatchAsync();

    /// <summary>Before one write inside a batch: only what this silo keeps in memory, so it costs no call.</summary>
    ValueTask BeforeWriteAsync();
}

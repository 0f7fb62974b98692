namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>What changed under a prefix between two <see cref="KeySnapshot"/>s.</summary>
internal sealed record KeyChanges(int Created, int Replaced, int Deleted)
{
    public int Total => Created + Replaced + Deleted;
}

namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>The storage providers the harness measures.</summary>
internal enum StoreKind
{
    Sqlite,
    Azurite,
}

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>One storage operation under closed-loop load: how many workers, and what each worker does once.</summary>
internal sealed record StorageOperation(string Name, int Workers, Func<StoreFixture, int, CancellationToken, Task<bool>> Run);

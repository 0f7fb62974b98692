using System.Globalization;
using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// One store under test with the objects the operations work on: keys to read, and one key per
/// writer (the concurrent writers, then the sequential one), each with the ETag of its last write.
/// </summary>
internal sealed class StoreFixture(StoreKind kind, IObjectStore store, byte[] payload, int concurrentWriters)
{
    private const int ReadKeys = 256;

    // Slots 0..concurrentWriters-1 belong to the concurrent writers, the last one to the sequential writer.
    private readonly string[] _etags = new string[concurrentWriters + 1];
    private int _readCounter;
    private int _createCounter;

    public StoreKind Kind { get; } = kind;

    public string Name => Kind == StoreKind.Sqlite ? "SQLite" : "Azurite";

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < ReadKeys; i++)
        {
            await store.CreateAsync(ReadKey(i), payload, cancellationToken);
        }

        for (var slot = 0; slot < _etags.Length; slot++)
        {
            _etags[slot] = await store.CreateAsync(WriterKey(slot), payload, cancellationToken);
        }
    }

    public async Task<bool> CreateAsync(CancellationToken cancellationToken)
    {
        var key = "bench/create/" + Interlocked.Increment(ref _createCounter).ToString("D10", CultureInfo.InvariantCulture);
        await store.CreateAsync(key, payload, cancellationToken);
        return true;
    }

    public async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        var index = (int)((uint)Interlocked.Increment(ref _readCounter) % ReadKeys);
        return await store.ReadAsync(ReadKey(index), cancellationToken) is { Data.Length: > 0 };
    }

    public Task<bool> ReplaceSequentialAsync(CancellationToken cancellationToken) => ReplaceAsync(_etags.Length - 1, cancellationToken);

    public Task<bool> ReplaceAsWriterAsync(int writer, CancellationToken cancellationToken) => ReplaceAsync(writer, cancellationToken);

    private async Task<bool> ReplaceAsync(int slot, CancellationToken cancellationToken)
    {
        try
        {
            _etags[slot] = await store.ReplaceAsync(WriterKey(slot), payload, _etags[slot], cancellationToken);
            return true;
        }
        catch (StoreConflictException)
        {
            // Each key has exactly one writer, so a conflict is a store bug: count it (rethrow), and
            // take the current ETag so the writer can go on.
            _etags[slot] = (await store.ReadAsync(WriterKey(slot), cancellationToken))!.ETag;
            throw;
        }
    }

    private static string ReadKey(int index) => "bench/read/" + index.ToString("D4", CultureInfo.InvariantCulture);

    private static string WriterKey(int slot) => "bench/replace/" + slot.ToString("D2", CultureInfo.InvariantCulture);
}

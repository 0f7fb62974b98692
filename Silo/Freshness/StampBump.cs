using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Freshness;

/// <summary>
/// Bumps one stamp, sharing the work between concurrent writers (a sync writes 16 users at a time):
/// a caller joins the next bump that starts after it asked, never one already running, because a
/// running bump may have read the stamp before the caller's write landed.
/// </summary>
internal sealed class StampBump(IObjectStore store, string key)
{
    private readonly Lock _gate = new();
    private bool _running;
    private TaskCompletionSource? _waiting;

    /// <summary>The ETag of this silo's last bump (only touched by the one running bump).</summary>
    private string? _lastWritten;

    public Task RequestAsync()
    {
        TaskCompletionSource batch;
        lock (_gate)
        {
            if (_waiting is not null)
            {
                return _waiting.Task;
            }

            batch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_running)
            {
                _waiting = batch;
                return batch.Task;
            }

            _running = true;
        }

        _ = RunAsync(batch);
        return batch.Task;
    }

    private async Task RunAsync(TaskCompletionSource batch)
    {
        while (true)
        {
            try
            {
                await BumpOnceAsync();
                batch.TrySetResult();
            }
            catch (Exception ex)
            {
                batch.TrySetException(ex);
            }

            lock (_gate)
            {
                if (_waiting is null)
                {
                    _running = false;
                    return;
                }

                batch = _waiting;
                _waiting = null;
            }
        }
    }

    private async Task BumpOnceAsync()
    {
        var data = Guid.NewGuid().ToByteArray();
        if (_lastWritten is { } last)
        {
            // Usually nobody else bumped since our last bump: one conditional write, no read. A conflict
            // does not prove a bump after our caller's write, so then read and bump as below.
            try
            {
                _lastWritten = await store.ReplaceAsync(key, data, last);
                return;
            }
            catch (StoreConflictException)
            {
                _lastWritten = null;
            }
        }

        var current = await store.ReadAsync(key);
        try
        {
            _lastWritten = current is null ? await store.CreateAsync(key, data) : await store.ReplaceAsync(key, data, current.ETag);
        }
        catch (StoreConflictException)
        {
            // Someone bumped between our read and our write; our read came after our caller's write, so theirs covers it.
        }
    }
}

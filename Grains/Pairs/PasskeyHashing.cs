namespace Orleans.Bcp.Grains.Pairs;

/// <summary>
/// Runs the passkeys' PBKDF2 (<see cref="Passkey"/>, ~50 ms of a core each) on at most half of this node's cores at once.
/// In a storm of switches the other cores keep serving logins, routing and the stores' answers: with every core
/// hashing, that work waited behind the hashes until the store client's timeouts fired, and switches and logins
/// failed with 503 while the control store used a third of a core (docs/benchmarks.md, "Cluster storm with lighter
/// nodes"). Switches past the bound wait their turn without holding a thread.
/// </summary>
public sealed class PasskeyHashing
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, Environment.ProcessorCount / 2));

    private int _waiting;

    /// <summary>The checks waiting for a core now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Whether <paramref name="candidate"/> is the passkey <paramref name="stored"/> was made from.</summary>
    public Task<bool> VerifyAsync(string candidate, PasskeyHash stored) => RunAsync(() => Passkey.Verify(candidate, stored));

    /// <summary>The stored form of a new passkey.</summary>
    public Task<PasskeyHash> HashAsync(string passkey) => RunAsync(() => Passkey.Hash(passkey));

    private async Task<T> RunAsync<T>(Func<T> hashing)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _slots.WaitAsync();
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        try
        {
            return hashing();
        }
        finally
        {
            _slots.Release();
        }
    }
}

namespace Orleans.Bcp.Grains.Runtime;

/// <summary>
/// A grain's durable state. The runtime loads it before the first call; every write is
/// conditional on the ETag that was read, and a conflict throws <see cref="InconsistentStateException"/>.
/// </summary>
public interface IPersistentState<TState> where TState : class, new()
{
    /// <summary>The current state (a new instance when nothing was stored yet).</summary>
    TState State { get; set; }

    /// <summary>Whether the state exists in the store.</summary>
    bool RecordExists { get; }

    /// <summary>Writes <see cref="State"/> conditionally on the ETag last read or written.</summary>
    Task WriteStateAsync();
}

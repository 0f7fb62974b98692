namespace Orleans.Bcp.Grains.Runtime;

/// <summary>
/// A state write lost a race with another activation (ETag mismatch). The runtime deactivates the
/// activation and retries the call once on fresh state before this reaches the caller.
/// </summary>
public sealed class InconsistentStateException(string message, Exception? inner = null) : Exception(message, inner);

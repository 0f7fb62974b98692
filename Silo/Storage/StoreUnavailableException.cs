namespace Orleans.Bcp.Silo.Storage;

/// <summary>The store could not be reached or failed; callers answer 503 and may retry.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

namespace Orleans.Bcp.Grains.Config;

/// <summary>A conditional configuration write failed: the entity exists (create), or its ETag differs or it is gone.</summary>
public sealed class ConfigConflictException(string message, Exception? inner = null) : Exception(message, inner);

namespace Orleans.Bcp.Silo.Storage;

/// <summary>A lease renewal failed: the lease must be treated as lost (never assume it is still held).</summary>
public sealed class LeaseLostException(string name, string message) : Exception(message)
{
    public string Name { get; } = name;
}

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>The outcome of one bounded read: its value, or why it could not be had.</summary>
public sealed record Read<T>(T? Value, string? Failure)
    where T : class
{
    public bool Ok => Failure is null;

    public static Read<T> Of(T value) => new(value, null);

    public static Read<T> Missing(string failure) => new(null, failure);
}

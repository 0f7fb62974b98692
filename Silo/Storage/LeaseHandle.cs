namespace Orleans.Bcp.Silo.Storage;

/// <summary>A held lease: its name, the lease id that proves ownership, and the period it was taken for.</summary>
public sealed record LeaseHandle(string Name, string LeaseId, TimeSpan Duration);

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>A body to send and what kind of hostile input it is.</summary>
public sealed record BodyCase(string Kind, byte[] Body);

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// A path segment to put where an id goes, as sent (percent-encoded or raw). A dot segment is
/// removed by the server before routing (RFC 3986 §5.2.4), so the request lands on another path;
/// a protocol-level one may be refused by Kestrel itself.
/// </summary>
public sealed record HostileSegment(string Label, string Raw, bool DotSegment = false, bool ProtocolLevel = false);

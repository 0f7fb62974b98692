namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// A way of presenting credentials that must not authenticate: the Authorization header lines to
/// send (none, one or several) and, for a token smuggled elsewhere, a query string to add.
/// </summary>
public sealed record AuthAbuse(string Label, IReadOnlyList<string> Authorization, string? Query = null, bool ProtocolLevel = false);

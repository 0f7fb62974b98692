namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// One generated request. <see cref="Route"/> and <see cref="Kind"/> name what was attacked and how
/// (e.g. <c>PUT /tenants/{tenantId}/{type}/{id}</c>, <c>body/wrong-type:name</c>), so failures group
/// into something a person can reproduce. <see cref="ProtocolLevel"/> cases are malformed HTTP that
/// Kestrel may refuse itself, with a bare 4xx (no problem body) or by closing the connection.
/// </summary>
public sealed record FuzzCase(string Route, string Kind, string Caller, RawRequest Request, Expectation Expect, bool ProtocolLevel = false)
{
    public int Index { get; init; }
}

using Orleans.Bcp.Benchmarks.Infrastructure;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>One endpoint under read load on one host, with the client (and so the credentials) it is called with.</summary>
/// <param name="Name">The endpoint as the report shows it.</param>
/// <param name="Host">Which build serves it ("current", or "baseline" when one is compared).</param>
/// <param name="Api">The host process (for its CPU time).</param>
/// <param name="Client">The client that calls it.</param>
/// <param name="Path">The request path.</param>
internal sealed record HttpTarget(string Name, string Host, ApiServer Api, HttpClient Client, string Path)
{
    public string Label(bool withHost) => withHost ? $"{Name} ({Host})" : Name;
}

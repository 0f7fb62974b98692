using Orleans.Bcp.Benchmarks.Infrastructure;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>One endpoint of the hot-path rounds on one host: the paths its load rotates over, and the token it sends.</summary>
internal sealed record HotPathEndpoint(string Name, ApiServer Api, string? Token, HttpClient Client, string[] Paths);

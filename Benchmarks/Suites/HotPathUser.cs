namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>A user the suite loaded, with the BCP type it gave them (the expected login answer depends on it).</summary>
internal sealed record HotPathUser(string Username, string BcpType, HotPathPair Pair);

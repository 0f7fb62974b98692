namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>One endpoint under read load, with the client (and so the credentials) it is called with.</summary>
internal sealed record HttpTarget(string Name, HttpClient Client, string Path);

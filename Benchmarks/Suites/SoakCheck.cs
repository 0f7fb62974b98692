namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>One end check: what was checked, whether it held, and the figures behind it.</summary>
internal sealed record SoakCheck(string Name, bool Passed, string Figures);

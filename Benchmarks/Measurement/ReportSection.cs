namespace Orleans.Bcp.Benchmarks.Measurement;

/// <summary>One suite's part of the report: what was measured, the table, and notes on reading it.</summary>
internal sealed record ReportSection(string Title, string Method, MarkdownTable Table, IReadOnlyList<string> Notes);

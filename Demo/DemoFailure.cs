namespace Orleans.Bcp.Demo;

/// <summary>Why the demo stopped, in one line for the terminal (no stack trace: the reader can act on the line).</summary>
public sealed class DemoFailure(string message) : Exception(message);

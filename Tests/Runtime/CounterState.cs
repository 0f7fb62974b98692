namespace Orleans.Bcp.Tests.Runtime;

public sealed class CounterState
{
    public int Count { get; set; }
}

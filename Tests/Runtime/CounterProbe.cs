namespace Orleans.Bcp.Tests.Runtime;

/// <summary>Lets a test watch and interfere with a counter grain's turns.</summary>
public sealed class CounterProbe
{
    private int _inside;

    public int MaxConcurrent { get; private set; }

    public int Activations;

    /// <summary>Runs between the grain's read of its state and its write.</summary>
    public Func<Task>? BeforeWrite { get; set; }

    public void Enter()
    {
        var inside = Interlocked.Increment(ref _inside);
        MaxConcurrent = Math.Max(MaxConcurrent, inside);
    }

    public void Leave() => Interlocked.Decrement(ref _inside);
}

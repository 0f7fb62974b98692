namespace Orleans.Bcp.Grains.Abstractions.Webhooks;

/// <summary>How one delivery attempt ended.</summary>
/// <param name="At">When it ended.</param>
/// <param name="HttpStatus">The receiver's status code, when it answered.</param>
/// <param name="Error">Why there was no answer (<c>timeout</c>, <c>connection-failed</c>, <c>target-refused</c>).</param>
[GenerateSerializer, Immutable, Alias("bcp.AttemptResult")]
public sealed record AttemptResult(DateTimeOffset At, int? HttpStatus, string? Error)
{
    /// <summary>Whether the receiver answered 2xx.</summary>
    public bool Delivered => HttpStatus is >= 200 and < 300;
}

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>What a case may be answered with (besides never a 5xx).</summary>
public enum Expectation
{
    /// <summary>The input is wrong for its route: only a 4xx is right, a 2xx is a failure.</summary>
    MustReject,

    /// <summary>A read whose hostile part the route may ignore (an unknown query parameter, a dot segment the server removes): a 2xx is fine.</summary>
    MayAccept,
}

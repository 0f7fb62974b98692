namespace Orleans.Bcp.Grains.Abstractions.Config;

/// <summary>How a claim on a platform-wide unique value (a username, a voice number) ended.</summary>
public enum IndexClaimOutcome
{
    /// <summary>The value was free (or held by a stale claim) and is now held by the caller's entity.</summary>
    Created,

    /// <summary>The caller's entity held it already; the claim was renewed (its ETag changed).</summary>
    Renewed,

    /// <summary>Another entity holds it.</summary>
    Taken,
}

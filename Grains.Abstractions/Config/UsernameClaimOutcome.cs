namespace Orleans.Bcp.Grains.Abstractions.Config;

/// <summary>How a username claim ended.</summary>
public enum UsernameClaimOutcome
{
    /// <summary>The username was free (or held by a stale claim) and is now held by the caller's user.</summary>
    Created,

    /// <summary>The caller's user held it already; the claim was renewed (its ETag changed).</summary>
    Renewed,

    /// <summary>Another user holds it.</summary>
    Taken,
}

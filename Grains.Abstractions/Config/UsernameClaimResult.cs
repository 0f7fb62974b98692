namespace Orleans.Bcp.Grains.Abstractions.Config;

/// <summary>The result of claiming a username.</summary>
/// <param name="Outcome">Whether the caller's user now holds the username.</param>
/// <param name="Claim">The claim the caller's user now holds; null when <see cref="IndexClaimOutcome.Taken"/>.</param>
public sealed record UsernameClaimResult(IndexClaimOutcome Outcome, UsernameClaim? Claim);

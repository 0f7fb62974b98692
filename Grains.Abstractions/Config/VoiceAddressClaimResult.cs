namespace Orleans.Bcp.Grains.Abstractions.Config;

/// <summary>The result of claiming a voice number.</summary>
/// <param name="Outcome">Whether the caller's point of contact now holds the number.</param>
/// <param name="Claim">The claim the caller's point of contact now holds; null when <see cref="IndexClaimOutcome.Taken"/>.</param>
public sealed record VoiceAddressClaimResult(IndexClaimOutcome Outcome, VoiceAddressClaim? Claim);

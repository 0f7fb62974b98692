using Orleans.Bcp.Grains.Abstractions.Config;

namespace Orleans.Bcp.Silo.Config;

/// <summary>How one claim ended: the state now stored under the key and its ETag, or <see cref="IndexClaimOutcome.Taken"/> without either.</summary>
internal sealed record ClaimAttempt<TState>(IndexClaimOutcome Outcome, TState? State, string? ETag)
    where TState : class, IClaimState;

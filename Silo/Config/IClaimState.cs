namespace Orleans.Bcp.Silo.Config;

/// <summary>What every stored claim on a unique value records besides its holder: when it was made, for the stale-claim rule.</summary>
internal interface IClaimState
{
    DateTimeOffset ClaimedAt { get; }
}

using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Grains.Abstractions.Pairs;

/// <summary>A pair's status (docs/api.md).</summary>
/// <param name="PairId">The pair's id.</param>
/// <param name="Primary">The primary tenant.</param>
/// <param name="Bcp">The BCP tenant.</param>
/// <param name="ActiveSide">Which side takes traffic and logins now.</param>
/// <param name="ActiveTenantId">The active side's tenant id.</param>
/// <param name="ActiveAccountName">The active side's account name.</param>
/// <param name="Epoch">+1 on every effective switch; sessions from older epochs are stale.</param>
/// <param name="LastSwitch">The most recent effective switch, if any.</param>
/// <param name="SwitchLockedUntil">When a passkey lockout ends, if one is in force.</param>
/// <param name="CreatedAt">When the pair was set up.</param>
/// <param name="LastSwitchEffect">When the last switch took effect on every node (<see cref="SwitchEffect"/>), if known.</param>
[GenerateSerializer, Immutable, Alias("bcp.PairStatus")]
public sealed record PairStatus(
    string PairId,
    TenantRef Primary,
    TenantRef Bcp,
    PairRole ActiveSide,
    string ActiveTenantId,
    string ActiveAccountName,
    long Epoch,
    LastSwitch? LastSwitch,
    DateTimeOffset? SwitchLockedUntil,
    DateTimeOffset CreatedAt,
    SwitchEffect? LastSwitchEffect = null);

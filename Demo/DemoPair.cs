namespace Orleans.Bcp.Demo;

/// <summary>What the demo set up: the pair (and its passkey, shown this once), its tenants and what to try with them.</summary>
/// <param name="PairId">The pair.</param>
/// <param name="Passkey">The pair's passkey as creation answered it.</param>
/// <param name="PrimaryTenantId">The primary tenant, which holds the generated configuration.</param>
/// <param name="PrimaryName">Its account name.</param>
/// <param name="BcpTenantId">The BCP tenant, filled by the first sync run.</param>
/// <param name="BcpName">Its account name.</param>
/// <param name="AdministratorUserId">The primary's administrator (Ichabod Crane), as the server identifies him.</param>
/// <param name="AdministratorUsername">His username (BCP type <c>multiple</c>: the login selector).</param>
/// <param name="SingleUsername">A user with BCP type <c>single</c>.</param>
/// <param name="VoiceAddress">The number of a voice point of contact.</param>
/// <param name="Counts">Entities written to the primary, by type.</param>
/// <param name="SyncOutcome">How the first sync run ended (<c>succeeded</c> when the BCP tenant holds the copies).</param>
public sealed record DemoPair(
    string PairId,
    string Passkey,
    string PrimaryTenantId,
    string PrimaryName,
    string BcpTenantId,
    string BcpName,
    string AdministratorUserId,
    string AdministratorUsername,
    string SingleUsername,
    string VoiceAddress,
    IReadOnlyDictionary<string, int> Counts,
    string SyncOutcome);

using System.Collections.Immutable;
using Orleans.Bcp.Grains.Abstractions.Audit;

namespace Orleans.Bcp.Grains.Abstractions.Pairs;

/// <summary>
/// A tenant pair: owns the active side, the epoch, the passkey hash, the lockout and the pair's
/// audit trail. Key: pair id.
/// </summary>
[Alias("bcp.ITenantPairGrain")]
public interface ITenantPairGrain : IGrainWithStringKey
{
    /// <summary>Sets the pair up with a new passkey; null when the pair exists already.</summary>
    [Alias("CreateAsync")]
    Task<PairCreated?> CreateAsync(TenantRef primary, TenantRef bcp, Actor actor);

    /// <summary>The pair's status, or null when the pair does not exist.</summary>
    [Alias("GetStatusAsync")]
    Task<PairStatus?> GetStatusAsync();

    /// <summary>Switches the active side (idempotent; passkey-checked with lockout, or operator with reason). Every attempt is audited.</summary>
    [Alias("SwitchAsync")]
    Task<SwitchResult> SwitchAsync(SwitchCommand command);

    /// <summary>Replaces the passkey (the old one stops working at once); null when the pair does not exist.</summary>
    [Alias("RotatePasskeyAsync")]
    Task<string?> RotatePasskeyAsync(Actor actor);

    /// <summary>Appends an audit entry for an action taken elsewhere (sync settings, runs, BCP access).</summary>
    [Alias("RecordAsync")]
    Task RecordAsync(Actor actor, string action, string outcome, ImmutableDictionary<string, string> details);

    /// <summary>The pair's audit entries, newest first.</summary>
    [Alias("GetAuditAsync")]
    Task<ImmutableList<AuditEntry>> GetAuditAsync(int limit);
}

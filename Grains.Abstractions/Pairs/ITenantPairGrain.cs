using System.Collections.Immutable;
using Orleans.Bcp.Grains.Abstractions.Audit;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Concurrency;

namespace Orleans.Bcp.Grains.Abstractions.Pairs;

/// <summary>
/// A tenant pair: owns the active side, the epoch, the passkey hash and the lockout; its audit entries go to the
/// pair's trail (<see cref="Audit.IPairAuditGrain"/>), which every other feature records to. Key: pair id.
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

    /// <summary>
    /// Subscribes <paramref name="observer"/> to the pair's changes for a minute from now (an observer stays
    /// subscribed by subscribing again), and returns the status as of the subscription: null when the pair
    /// does not exist (yet: its creation is pushed too). Subscriptions live in the pair's activation only.
    /// </summary>
    /// <param name="observer">A reference made with <c>IGrainFactory.CreateObjectReference</c>.</param>
    /// <param name="node">The silo the observer lives on (one subscription per silo; it acknowledges switches, <see cref="AcknowledgeAsync"/>).</param>
    [Alias("SubscribeAsync")]
    Task<PairStatus?> SubscribeAsync(IPairStateObserver observer, SiloAddress node);

    /// <summary>
    /// A node serves the pushed status of <paramref name="epoch"/> (or a later one): counts towards the switch's
    /// <see cref="SwitchEffect"/>. One-way and interleaved, so it neither waits nor is held up by a switch in progress.
    /// </summary>
    /// <param name="epoch">The epoch of the status the node applied.</param>
    /// <param name="node">The node that applied it.</param>
    [OneWay, AlwaysInterleave, Alias("AcknowledgeAsync")]
    Task AcknowledgeAsync(long epoch, SiloAddress node);

    /// <summary>Ends the subscription of <paramref name="observer"/>, if any.</summary>
    /// <param name="observer">The reference it subscribed with.</param>
    [Alias("UnsubscribeAsync")]
    Task UnsubscribeAsync(IPairStateObserver observer);

    /// <summary>
    /// Switches the active side (idempotent; passkey-checked with lockout, or operator with reason). Every attempt is audited.
    /// A switch without passkey by a non-operator, or without a reason, throws <see cref="UnauthorizedAccessException"/> and changes nothing.
    /// </summary>
    [Alias("SwitchAsync")]
    Task<SwitchResult> SwitchAsync(SwitchCommand command);

    /// <summary>
    /// Checks a passkey as a switch would, changing nothing else: a wrong one counts toward <paramref name="actor"/>'s
    /// and the pair's lockout (audited and announced like a switch's); null when it is right, else the refusal.
    /// </summary>
    [Alias("CheckPasskeyAsync")]
    Task<SwitchResult?> CheckPasskeyAsync(Actor actor, string passkey, PairRole side);

    /// <summary>How many wrong passkeys <paramref name="actor"/> may still give, and the lock that refuses them if any; null when the pair does not exist.</summary>
    [Alias("GetAttemptsAsync")]
    Task<SwitchAttempts?> GetAttemptsAsync(Actor actor);

    /// <summary>
    /// Replaces the passkey (the old one stops working at once); null when the pair does not exist. Only for an operator:
    /// <paramref name="byOperator"/> false throws <see cref="UnauthorizedAccessException"/> and changes nothing.
    /// </summary>
    /// <param name="actor">Who asks.</param>
    /// <param name="byOperator">Whether the caller holds the operator permission (<c>bcp.setup</c>), as the HTTP layer checked it.</param>
    [Alias("RotatePasskeyAsync")]
    Task<string?> RotatePasskeyAsync(Actor actor, bool byOperator);

    /// <summary>The pair's audit trail, newest first, with the pair's own entries it still holds back (a lock's while in force, a switch's until its effect is settled).</summary>
    [Alias("GetAuditAsync")]
    Task<ImmutableList<AuditEntry>> GetAuditAsync(int limit);
}

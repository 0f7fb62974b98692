using System.Globalization;
using Orleans.Bcp.Grains.Abstractions.Approvals;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Webhooks;

namespace Orleans.Bcp.Grains.Pairs;

/// <summary>
/// The pair grain's part for two-person approval (<see cref="SwitchApproval"/>): a passkey switch of a pair that
/// requires approval becomes a pending request, committed with the pair's state; its approval switches in the same
/// grain path as a switch (<see cref="CommitSwitchAsync"/>). An operator's reasoned switch bypasses it.
/// </summary>
public sealed partial class TenantPairGrain : IPairApprovals
{
    public Task<ApprovalSettings?> GetApprovalAsync() =>
        Task.FromResult(pair.RecordExists ? State.Approval ?? ApprovalSettings.Off : null);

    public async Task<ApprovalSettings?> SetApprovalAsync(ApprovalSettings settings, Actor actor)
    {
        // The HTTP layer checks this too; the grain does not rely on every caller having done so.
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.WindowMinutes, ApprovalSettings.MinWindowMinutes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(settings.WindowMinutes, ApprovalSettings.MaxWindowMinutes);
        if (!pair.RecordExists)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var entry = await AuditAsync(actor, "approval-settings", "changed", new()
        {
            ["required"] = settings.Required ? "true" : "false",
            ["windowMinutes"] = settings.WindowMinutes.ToString(CultureInfo.InvariantCulture),
        });
        State.Approval = settings;
        if (!settings.Required)
        {
            SwitchApproval.SupersedePending(State.SwitchRequests, now);
        }

        Announce(entry, WebhookEventTypes.ApprovalChanged);
        await CommitAsync();
        return settings;
    }

    public Task<PairSwitchRequest?> GetLatestSwitchRequestAsync() =>
        Task.FromResult(pair.RecordExists && State.SwitchRequests.Count > 0 ? State.SwitchRequests[^1].AsOf(timeProvider.GetUtcNow()) : null);

    public Task<PairSwitchRequest?> GetSwitchRequestAsync(string requestId) =>
        Task.FromResult(pair.RecordExists ? SwitchApproval.Find(State.SwitchRequests, requestId)?.AsOf(timeProvider.GetUtcNow()) : null);

    public async Task<SwitchDecision> ApproveAsync(string requestId, Actor approver)
    {
        var now = timeProvider.GetUtcNow();
        if (Undecidable(requestId, approver, now, approving: true) is { } refused)
        {
            return refused;
        }

        var request = SwitchApproval.Find(State.SwitchRequests, requestId)!;
        var details = SwitchApproval.DetailsOf(request, approver);
        var approved = SwitchApproval.Decide(State.SwitchRequests, request, SwitchRequestStatus.Approved, approver, now);
        return new SwitchDecision(SwitchDecisionOutcome.Done, approved, await CommitSwitchAsync(request.Side, approver, details, now));
    }

    public async Task<SwitchDecision> DeclineAsync(string requestId, Actor decider)
    {
        var now = timeProvider.GetUtcNow();
        if (Undecidable(requestId, decider, now, approving: false) is { } refused)
        {
            return refused;
        }

        var request = SwitchApproval.Find(State.SwitchRequests, requestId)!;
        await AuditAsync(decider, "switch-request", "declined", SwitchApproval.DetailsOf(request));
        var declined = SwitchApproval.Decide(State.SwitchRequests, request, SwitchRequestStatus.Declined, decider, now);
        await CommitAsync();
        return new SwitchDecision(SwitchDecisionOutcome.Done, declined);
    }

    /// <summary>
    /// The gate a switch passes once its passkey (or reason) is accepted and the side is not already active: null to
    /// switch now. With approval required, a passkey switch becomes a pending request (one per pair); an operator's
    /// reasoned switch goes through, audited as bypassing approval, and supersedes a pending request.
    /// </summary>
    private async Task<SwitchResult?> GateSwitchAsync(SwitchCommand command, Dictionary<string, string> details, DateTimeOffset now)
    {
        if (State.Approval is not { Required: true } settings)
        {
            return null;
        }

        if (command.Passkey is null)
        {
            details["approval"] = "bypassed";
            SwitchApproval.SupersedePending(State.SwitchRequests, now);
            return null;
        }

        if (SwitchApproval.PendingOf(State.SwitchRequests, now) is { } pending)
        {
            return new SwitchResult(SwitchOutcome.RequestPending, ToStatus(now), null, Request: pending);
        }

        var request = SwitchApproval.Create(command, settings, State.Epoch, now);
        var requestDetails = SwitchApproval.DetailsOf(request);
        if (details.TryGetValue("notReadyChecks", out var notReady))
        {
            requestDetails["notReadyChecks"] = notReady;
        }

        var entry = await AuditAsync(command.Actor, "switch-request", "requested", requestDetails);
        SwitchApproval.Keep(State.SwitchRequests, request);
        Announce(entry, WebhookEventTypes.SwitchRequested);
        await CommitAsync();
        return new SwitchResult(SwitchOutcome.ApprovalRequested, ToStatus(now), null, Request: request);
    }

    /// <summary>Why a request cannot be decided now, or null when it can (a request made before a switch since is superseded).</summary>
    private SwitchDecision? Undecidable(string requestId, Actor decider, DateTimeOffset now, bool approving)
    {
        if (!pair.RecordExists || SwitchApproval.Find(State.SwitchRequests, requestId) is not { } request)
        {
            return new SwitchDecision(SwitchDecisionOutcome.NotFound, null);
        }

        if (request.StatusAt(now) == SwitchRequestStatus.Pending && request.Epoch != State.Epoch)
        {
            // Written with the next state write: until then the epoch check decides the same way.
            request = SwitchApproval.Decide(State.SwitchRequests, request, SwitchRequestStatus.Superseded, null, now);
        }

        if (request.StatusAt(now) != SwitchRequestStatus.Pending)
        {
            return new SwitchDecision(SwitchDecisionOutcome.NotPending, request.AsOf(now));
        }

        return approving && request.RequestedBy == decider ? new SwitchDecision(SwitchDecisionOutcome.SelfApproval, request) : null;
    }
}

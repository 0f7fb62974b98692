using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Hosting;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Runtime;

namespace Orleans.Bcp.Api.Config;

/// <summary>
/// Writes a tenant's entities of one type. Every write is conditional on the version just read: with
/// If-Match a lost race is the client's 412, without it the write is read again and retried. For
/// users the username index moves in step: the new name is claimed before the user is written, the
/// old one released after (a crash in between leaves a stale claim, which the index takes over later).
/// </summary>
internal sealed partial class EntityWriter(
    ITenantConfiguration configuration, IUsernameIndex usernames, ConfigTarget target, ILogger logger)
{
    private const int MaxAttempts = 5;

    private TenantLocation Tenant => target.Tenant;

    private string Type => target.Type.Name;

    private bool IsUsers => Type == EntityTypes.Users;

    public async Task<WriteOutcome> CreateAsync(JsonObject data, bool mayEditAccess)
    {
        var id = Ids.New();
        UsernameClaim? claim = null;
        if (IsUsers)
        {
            if (ApplyBcpType(null, data, mayEditAccess) is { } forbidden)
            {
                return WriteOutcome.Failed(forbidden);
            }

            var result = await usernames.ClaimAsync(Username(data)!, Tenant, id);
            if (result.Outcome == UsernameClaimOutcome.Taken)
            {
                return WriteOutcome.Failed(ConfigProblems.UsernameTaken());
            }

            claim = result.Claim;
        }

        try
        {
            return new WriteOutcome(await configuration.CreateAsync(Tenant, Type, id, data), null, Created: true);
        }
        catch when (claim is not null)
        {
            await ReleaseQuietlyAsync(claim);
            throw;
        }
    }

    public async Task<WriteOutcome> ReplaceAsync(string id, JsonObject data, IfMatch? ifMatch, bool mayEditAccess)
    {
        // A username this request claimed anew, given back unless the user ends up written with it.
        UsernameClaim? newClaim = null;
        try
        {
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var current = await configuration.GetAsync(Tenant, Type, id);
                if (current is null)
                {
                    return WriteOutcome.Failed(ConfigProblems.EntityNotFound(Type, id));
                }

                if (ifMatch is not null && !ifMatch.Matches(current.ETag))
                {
                    return WriteOutcome.Failed(ConfigProblems.ETagMismatch());
                }

                var next = data.DeepClone().AsObject();
                UsernameClaim? oldClaim = null;
                if (IsUsers)
                {
                    if (ApplyBcpType(current.Data, next, mayEditAccess) is { } forbidden)
                    {
                        return WriteOutcome.Failed(forbidden);
                    }

                    // An unchanged username needs no claim: editing a BCP copy made by the sync, whose
                    // name the primary user holds, must work.
                    var oldName = Username(current.Data);
                    var newName = Username(next)!;
                    if (!UsernameKey.AreSame(oldName, newName))
                    {
                        var result = await usernames.ClaimAsync(newName, Tenant, id);
                        if (result.Outcome == UsernameClaimOutcome.Taken)
                        {
                            return WriteOutcome.Failed(ConfigProblems.UsernameTaken());
                        }

                        newClaim = result.Outcome == UsernameClaimOutcome.Created || newClaim is not null ? result.Claim : null;
                        // Read before the write: if a concurrent rename back claims it again, its ETag
                        // changes and the release below leaves it alone.
                        oldClaim = oldName is null ? null : await OwnClaimAsync(oldName, id);
                    }
                }

                try
                {
                    var written = await configuration.ReplaceAsync(Tenant, Type, id, next, current.ETag);
                    newClaim = null;
                    if (oldClaim is not null)
                    {
                        await ReleaseQuietlyAsync(oldClaim);
                    }

                    return new WriteOutcome(written, null);
                }
                catch (ConfigConflictException) when (ifMatch is not null)
                {
                    return WriteOutcome.Failed(await GoneOrChangedAsync(id));
                }
                catch (ConfigConflictException)
                {
                    // Changed or deleted since we read it: read again.
                }
            }

            throw new InconsistentStateException($"{Type}/{id} kept changing while it was replaced.");
        }
        finally
        {
            if (newClaim is not null)
            {
                await ReleaseQuietlyAsync(newClaim);
            }
        }
    }

    public async Task<WriteOutcome> DeleteAsync(string id, IfMatch? ifMatch)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await configuration.GetAsync(Tenant, Type, id);
            if (current is null)
            {
                return WriteOutcome.Failed(ConfigProblems.EntityNotFound(Type, id));
            }

            if (ifMatch is not null && !ifMatch.Matches(current.ETag))
            {
                return WriteOutcome.Failed(ConfigProblems.ETagMismatch());
            }

            var claim = IsUsers && Username(current.Data) is { } username ? await OwnClaimAsync(username, id) : null;
            try
            {
                await configuration.DeleteAsync(Tenant, Type, id, current.ETag);
            }
            catch (ConfigConflictException) when (ifMatch is not null)
            {
                return WriteOutcome.Failed(await GoneOrChangedAsync(id));
            }
            catch (ConfigConflictException)
            {
                continue;
            }

            if (claim is not null)
            {
                await ReleaseQuietlyAsync(claim);
            }

            return new WriteOutcome(null, null);
        }

        throw new InconsistentStateException($"{Type}/{id} kept changing while it was deleted.");
    }

    /// <summary>Creates or replaces the tenant's one document of a singleton type. If-Match on a document never written fails (RFC 9110).</summary>
    public async Task<WriteOutcome> PutSingletonAsync(JsonObject data, IfMatch? ifMatch)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await configuration.GetAsync(Tenant, Type, EntityTypes.SingletonId);
            if (ifMatch is not null && (current is null || !ifMatch.Matches(current.ETag)))
            {
                return WriteOutcome.Failed(ConfigProblems.ETagMismatch());
            }

            try
            {
                return current is null
                    ? new WriteOutcome(await configuration.CreateAsync(Tenant, Type, EntityTypes.SingletonId, data), null, Created: true)
                    : new WriteOutcome(await configuration.ReplaceAsync(Tenant, Type, EntityTypes.SingletonId, data, current.ETag), null);
            }
            catch (ConfigConflictException) when (ifMatch is not null)
            {
                return WriteOutcome.Failed(ConfigProblems.ETagMismatch());
            }
            catch (ConfigConflictException)
            {
                // Written or replaced by someone else since we read it: read again.
            }
        }

        throw new InconsistentStateException($"{Type} kept changing while it was written.");
    }

    /// <summary>
    /// A user's BCP type decides who may log in to the BCP tenant (spec §3.7), which is
    /// <c>bcp.access.edit</c>'s to change (spec §2). Left out, it stays as it is ("none" for a new user).
    /// </summary>
    private static ProblemHttpResult? ApplyBcpType(JsonObject? current, JsonObject next, bool mayEditAccess)
    {
        var existing = (current is null ? null : Fields.String(current[EntityValidator.BcpTypeField])) ?? EntityValidator.BcpTypes[0];
        if (Fields.String(next[EntityValidator.BcpTypeField]) is not { } requested)
        {
            next[EntityValidator.BcpTypeField] = existing;
            return null;
        }

        return requested == existing || mayEditAccess ? null : ConfigProblems.BcpTypeNeedsAccessEdit();
    }

    private static string? Username(JsonObject data) => Fields.String(data[EntityValidator.UsernameField]);

    /// <summary>The claim on <paramref name="username"/> if this user holds it (a BCP copy's name is held by its primary user).</summary>
    private async Task<UsernameClaim?> OwnClaimAsync(string username, string id) =>
        await usernames.FindAsync(username) is { } claim && claim.Tenant.TenantId == Tenant.TenantId && claim.UserId == id ? claim : null;

    private async Task<ProblemHttpResult> GoneOrChangedAsync(string id) =>
        await configuration.GetAsync(Tenant, Type, id) is null ? ConfigProblems.EntityNotFound(Type, id) : ConfigProblems.ETagMismatch();

    private async Task ReleaseQuietlyAsync(UsernameClaim claim)
    {
        try
        {
            await usernames.ReleaseAsync(claim);
        }
        catch (Exception ex)
        {
            // A claim left behind is stale once its user does not carry the name; the index takes it over then.
            LogReleaseFailed(ex, Tenant.TenantId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing a username claim of tenant {TenantId} failed; it stays until taken over as stale")]
    private partial void LogReleaseFailed(Exception exception, string tenantId);
}

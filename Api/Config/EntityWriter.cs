using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Hosting;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Api.Config;

/// <summary>
/// Writes a tenant's entities of one type. Every write is conditional on the version just read: with
/// If-Match a lost race is the client's 412, without it the write is read again and retried. For
/// types with a platform-wide unique field (users' usernames, voice points of contact's numbers) the
/// index moves in step: the new value is claimed before the entity is written, the old one released
/// after (a crash in between leaves a stale claim, which the index takes over later).
/// </summary>
internal sealed partial class EntityWriter(
    ITenantConfiguration configuration, UniqueFields uniqueFields, ConfigTarget target, ILogger logger)
{
    private const int MaxAttempts = 5;

    private readonly IUniqueField? _unique = uniqueFields.For(target.Type.Name);

    private TenantLocation Tenant => target.Tenant;

    private string Type => target.Type.Name;

    private bool IsUsers => Type == EntityTypes.Users;

    public async Task<WriteOutcome> CreateAsync(JsonObject data, bool mayEditAccess)
    {
        var id = Ids.New();
        if (IsUsers && ApplyBcpType(null, data, mayEditAccess) is { } forbidden)
        {
            return WriteOutcome.Failed(forbidden);
        }

        HeldClaim? claim = null;
        if (_unique?.ValueOf(data) is { } value)
        {
            var (outcome, held) = await _unique.ClaimAsync(value, Tenant, id);
            if (outcome == IndexClaimOutcome.Taken)
            {
                return WriteOutcome.Failed(_unique.Taken());
            }

            claim = held;
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
        // A value this request claimed anew, given back unless the entity ends up written with it.
        HeldClaim? newClaim = null;
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
                if (IsUsers && ApplyBcpType(current.Data, next, mayEditAccess) is { } forbidden)
                {
                    return WriteOutcome.Failed(forbidden);
                }

                HeldClaim? oldClaim = null;
                // An unchanged value needs no claim: editing a BCP copy made by the sync, whose
                // username or number the primary holds, must work.
                var (oldValue, newValue) = (_unique?.ValueOf(current.Data), _unique?.ValueOf(next));
                if (_unique is not null && !_unique.AreSame(oldValue, newValue))
                {
                    if (newValue is not null)
                    {
                        var (outcome, held) = await _unique.ClaimAsync(newValue, Tenant, id);
                        if (outcome == IndexClaimOutcome.Taken)
                        {
                            return WriteOutcome.Failed(_unique.Taken());
                        }

                        newClaim = outcome == IndexClaimOutcome.Created || newClaim is not null ? held : null;
                    }

                    // Read before the write: if a concurrent change back claims it again, its ETag
                    // changes and the release below leaves it alone.
                    oldClaim = oldValue is null ? null : await _unique.FindOwnAsync(oldValue, Tenant, id);
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

            throw new ConfigConflictException($"{Type}/{id} kept changing while it was replaced.");
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

            var claim = _unique?.ValueOf(current.Data) is { } value ? await _unique.FindOwnAsync(value, Tenant, id) : null;
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

        throw new ConfigConflictException($"{Type}/{id} kept changing while it was deleted.");
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

        throw new ConfigConflictException($"{Type} kept changing while it was written.");
    }

    /// <summary>
    /// A user's BCP type decides who may log in to the BCP tenant (spec §3.7), which is
    /// <c>bcp.access.edit</c>'s to change (spec §2). Left out, it stays as it is ("none" for a new user).
    /// </summary>
    private static ProblemHttpResult? ApplyBcpType(JsonObject? current, JsonObject next, bool mayEditAccess)
    {
        var existing = current is null ? BcpTypes.None : BcpTypes.Of(current);
        if (Fields.String(next[BcpTypes.Field]) is not { } requested)
        {
            next[BcpTypes.Field] = existing;
            return null;
        }

        return requested == existing || mayEditAccess ? null : ConfigProblems.BcpTypeNeedsAccessEdit();
    }

    private async Task<ProblemHttpResult> GoneOrChangedAsync(string id) =>
        await configuration.GetAsync(Tenant, Type, id) is null ? ConfigProblems.EntityNotFound(Type, id) : ConfigProblems.ETagMismatch();

    private async Task ReleaseQuietlyAsync(HeldClaim claim)
    {
        try
        {
            await claim.ReleaseAsync();
        }
        catch (Exception ex)
        {
            // A claim left behind is stale once its entity does not carry the value; the index takes it over then.
            LogReleaseFailed(ex, Type, Tenant.TenantId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing a claim of {Type} of tenant {TenantId} failed; it stays until taken over as stale")]
    private partial void LogReleaseFailed(Exception exception, string type, string tenantId);
}

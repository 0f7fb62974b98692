using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Silo.Config;

/// <summary>
/// Writes tenants' entities, already validated. Every write is conditional on the version just read:
/// with a precondition a lost race is an <see cref="EntityWriteOutcome.ETagMismatch"/>, without it
/// the write is read again and retried, and an entity that keeps changing throws
/// <see cref="ConfigConflictException"/>. For types with a platform-wide unique field (users'
/// usernames, voice points of contact's numbers) the index moves in step: the new value is claimed
/// before the entity is written, the old one released after (a crash in between leaves a stale
/// claim, which the index takes over later).
/// </summary>
public sealed partial class EntityWriter(
    ITenantConfiguration configuration, IUsernameIndex usernames, IVoiceAddressIndex voiceAddresses, ILogger<EntityWriter> logger)
{
    private const int MaxAttempts = 5;

    private readonly UniqueFields _uniqueFields = new(usernames, voiceAddresses);

    /// <summary>Creates the entity under the new <paramref name="id"/>; <paramref name="mayEditAccess"/> says whether the caller may set a user's BCP type.</summary>
    public async Task<EntityWriteResult> CreateAsync(TenantLocation tenant, string type, string id, JsonObject data, bool mayEditAccess)
    {
        if (type == EntityTypes.Users && !ApplyBcpType(null, data, mayEditAccess))
        {
            return new(EntityWriteOutcome.BcpTypeNeedsAccessEdit);
        }

        var unique = _uniqueFields.For(type);
        HeldClaim? claim = null;
        if (unique?.ValueOf(data) is { } value)
        {
            var (outcome, held) = await unique.ClaimAsync(value, tenant, id);
            if (outcome == IndexClaimOutcome.Taken)
            {
                return new(unique.Taken);
            }

            claim = held;
        }

        try
        {
            return new(EntityWriteOutcome.Created, await configuration.CreateAsync(tenant, type, id, data));
        }
        catch when (claim is not null)
        {
            await ReleaseQuietlyAsync(claim, tenant, type);
            throw;
        }
    }

    /// <summary>
    /// Replaces the entity, at the version <paramref name="ifMatch"/> names when given (otherwise a
    /// concurrent change is read again and the write retried); <paramref name="mayEditAccess"/> says
    /// whether the caller may change a user's BCP type.
    /// </summary>
    public Task<EntityWriteResult> ReplaceAsync(
        TenantLocation tenant, string type, string id, JsonObject data, IETagPrecondition? ifMatch, bool mayEditAccess) =>
        ReplaceAsync(tenant, type, id, read: null, ifMatch, current =>
        {
            var next = data.DeepClone().AsObject();
            return type == EntityTypes.Users && !ApplyBcpType(current.Data, next, mayEditAccess)
                ? EntityEdit.Stop(EntityWriteOutcome.BcpTypeNeedsAccessEdit)
                : EntityEdit.Write(next);
        });

    /// <summary>
    /// Writes what <paramref name="edit"/> makes of the entity, first of the version its caller read
    /// (<paramref name="read"/>); when someone else wrote it meanwhile it is read again and edited again,
    /// so their change is kept. The edit may end the write instead (e.g. <see cref="EntityWriteOutcome.Unchanged"/>,
    /// with the entity as it is). The caller has decided who may make the edit.
    /// </summary>
    public Task<EntityWriteResult> EditAsync(TenantLocation tenant, string type, EntityDocument read, Func<EntityDocument, EntityEdit> edit) =>
        ReplaceAsync(tenant, type, read.Id, read, ifMatch: null, edit);

    private async Task<EntityWriteResult> ReplaceAsync(
        TenantLocation tenant, string type, string id, EntityDocument? read, IETagPrecondition? ifMatch, Func<EntityDocument, EntityEdit> edit)
    {
        var unique = _uniqueFields.For(type);
        // A value this request claimed anew, given back unless the entity ends up written with it.
        HeldClaim? newClaim = null;
        try
        {
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var current = attempt == 0 && read is not null ? read : await configuration.GetAsync(tenant, type, id);
                if (current is null)
                {
                    return new(EntityWriteOutcome.NotFound);
                }

                if (ifMatch is not null && !ifMatch.Matches(current.ETag))
                {
                    return new(EntityWriteOutcome.ETagMismatch);
                }

                var decision = edit(current);
                if (decision.Next is not { } next)
                {
                    return new(decision.Outcome, decision.Outcome == EntityWriteOutcome.Unchanged ? current : null);
                }

                HeldClaim? oldClaim = null;
                // An unchanged value needs no claim: editing a BCP copy made by the sync, whose
                // username or number the primary holds, must work.
                var (oldValue, newValue) = (unique?.ValueOf(current.Data), unique?.ValueOf(next));
                if (unique is not null && !unique.AreSame(oldValue, newValue))
                {
                    if (newValue is not null)
                    {
                        var (outcome, held) = await unique.ClaimAsync(newValue, tenant, id);
                        if (outcome == IndexClaimOutcome.Taken)
                        {
                            return new(unique.Taken);
                        }

                        newClaim = outcome == IndexClaimOutcome.Created || newClaim is not null ? held : null;
                    }

                    // Read before the write: if a concurrent change back claims it again, its ETag
                    // changes and the release below leaves it alone.
                    oldClaim = oldValue is null ? null : await unique.FindOwnAsync(oldValue, tenant, id);
                }

                try
                {
                    var written = await configuration.ReplaceAsync(tenant, type, id, next, current.ETag);
                    newClaim = null;
                    if (oldClaim is not null)
                    {
                        await ReleaseQuietlyAsync(oldClaim, tenant, type);
                    }

                    return new(EntityWriteOutcome.Replaced, written);
                }
                catch (ConfigConflictException) when (ifMatch is not null)
                {
                    return await GoneOrChangedAsync(tenant, type, id);
                }
                catch (ConfigConflictException)
                {
                    // Changed or deleted since we read it: read again.
                }
            }

            throw new ConfigConflictException($"{type}/{id} kept changing while it was replaced.");
        }
        finally
        {
            if (newClaim is not null)
            {
                await ReleaseQuietlyAsync(newClaim, tenant, type);
            }
        }
    }

    /// <summary>Deletes the entity, at the version <paramref name="ifMatch"/> names when given (otherwise a concurrent change is read again and the delete retried).</summary>
    public async Task<EntityWriteResult> DeleteAsync(TenantLocation tenant, string type, string id, IETagPrecondition? ifMatch)
    {
        var unique = _uniqueFields.For(type);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await configuration.GetAsync(tenant, type, id);
            if (current is null)
            {
                return new(EntityWriteOutcome.NotFound);
            }

            if (ifMatch is not null && !ifMatch.Matches(current.ETag))
            {
                return new(EntityWriteOutcome.ETagMismatch);
            }

            var claim = unique?.ValueOf(current.Data) is { } value ? await unique.FindOwnAsync(value, tenant, id) : null;
            try
            {
                await configuration.DeleteAsync(tenant, type, id, current.ETag);
            }
            catch (ConfigConflictException) when (ifMatch is not null)
            {
                return await GoneOrChangedAsync(tenant, type, id);
            }
            catch (ConfigConflictException)
            {
                continue;
            }

            if (claim is not null)
            {
                await ReleaseQuietlyAsync(claim, tenant, type);
            }

            return new(EntityWriteOutcome.Deleted);
        }

        throw new ConfigConflictException($"{type}/{id} kept changing while it was deleted.");
    }

    /// <summary>Creates or replaces the tenant's one document of a singleton type. If-Match on a document never written fails (RFC 9110).</summary>
    public async Task<EntityWriteResult> PutSingletonAsync(TenantLocation tenant, string type, JsonObject data, IETagPrecondition? ifMatch)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await configuration.GetAsync(tenant, type, EntityTypes.SingletonId);
            if (ifMatch is not null && (current is null || !ifMatch.Matches(current.ETag)))
            {
                return new(EntityWriteOutcome.ETagMismatch);
            }

            try
            {
                return current is null
                    ? new(EntityWriteOutcome.Created, await configuration.CreateAsync(tenant, type, EntityTypes.SingletonId, data))
                    : new(EntityWriteOutcome.Replaced, await configuration.ReplaceAsync(tenant, type, EntityTypes.SingletonId, data, current.ETag));
            }
            catch (ConfigConflictException) when (ifMatch is not null)
            {
                return new(EntityWriteOutcome.ETagMismatch);
            }
            catch (ConfigConflictException)
            {
                // Written or replaced by someone else since we read it: read again.
            }
        }

        throw new ConfigConflictException($"{type} kept changing while it was written.");
    }

    /// <summary>
    /// A user's BCP type decides who may log in to the BCP tenant (docs/api.md), which is
    /// <c>bcp.access.edit</c>'s to change (docs/api.md). Left out, it stays as it is ("none" for a new user).
    /// </summary>
    /// <returns>False when the write would change the type and the caller may not.</returns>
    private static bool ApplyBcpType(JsonObject? current, JsonObject next, bool mayEditAccess)
    {
        var existing = current is null ? BcpTypes.None : BcpTypes.Of(current);
        if (next[BcpTypes.Field] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            next[BcpTypes.Field] = existing;
            return true;
        }

        return value.GetValue<string>() == existing || mayEditAccess;
    }

    private async Task<EntityWriteResult> GoneOrChangedAsync(TenantLocation tenant, string type, string id) =>
        new(await configuration.GetAsync(tenant, type, id) is null ? EntityWriteOutcome.NotFound : EntityWriteOutcome.ETagMismatch);

    private async Task ReleaseQuietlyAsync(HeldClaim claim, TenantLocation tenant, string type)
    {
        try
        {
            await claim.ReleaseAsync();
        }
        catch (Exception ex)
        {
            // A claim left behind is stale once its entity does not carry the value; the index takes it over then.
            LogReleaseFailed(ex, type, tenant.TenantId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing a claim of {Type} of tenant {TenantId} failed; it stays until taken over as stale")]
    private partial void LogReleaseFailed(Exception exception, string type, string tenantId);
}

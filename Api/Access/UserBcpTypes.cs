using Orleans.Bcp.Api.Config;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Api.Access;

/// <summary>Writes a user's BCP type (docs/api.md), the one field of the user record that <c>bcp.access.edit</c> owns.</summary>
internal sealed class UserBcpTypes(ITenantConfiguration configuration)
{
    private const int MaxAttempts = 5;

    /// <summary>
    /// Sets the type of <paramref name="user"/>, conditional on the version given (the one its caller
    /// read and checked). On a conflict the user is read again and checked again — still there and,
    /// when <paramref name="username"/> is given, still carrying it — and the write is retried on the
    /// new version, so a concurrent edit of another field is kept. A user that already has the type
    /// is not rewritten.
    /// </summary>
    /// <exception cref="ConfigConflictException">The user kept changing (the API answers 409 <c>concurrent-update</c>).</exception>
    public async Task<BcpTypeChange> SetAsync(TenantLocation tenant, EntityDocument user, string bcpType, string? username)
    {
        var current = user;
        for (var attempt = 1; ; attempt++)
        {
            var from = BcpTypes.Of(current.Data);
            if (from == bcpType)
            {
                return new(BcpTypeOutcome.Unchanged, current, from);
            }

            var next = current.Data.DeepClone().AsObject();
            next[BcpTypes.Field] = bcpType;
            try
            {
                return new(BcpTypeOutcome.Changed, await configuration.ReplaceAsync(tenant, EntityTypes.Users, current.Id, next, current.ETag), from);
            }
            catch (ConfigConflictException) when (attempt < MaxAttempts)
            {
                // Written by someone else since it was read: look again.
            }

            var reread = await configuration.GetAsync(tenant, EntityTypes.Users, current.Id);
            if (reread is null || (username is not null && !UsernameKey.AreSame(Fields.String(reread.Data[EntityValidator.UsernameField]), username)))
            {
                return new(BcpTypeOutcome.Gone, null, from);
            }

            current = reread;
        }
    }
}

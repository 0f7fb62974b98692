using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Silo.Config;

/// <summary>
/// Writes a user's BCP type (docs/api.md), the one field of the user record that <c>bcp.access.edit</c>
/// owns: the one place both the single route and the CSV upload set it.
/// </summary>
public sealed class UserBcpTypes(EntityWriter writer)
{
    /// <summary>
    /// Sets the type of <paramref name="user"/>, starting from the version given (the one its caller
    /// read and checked). On a conflict <see cref="EntityWriter.EditAsync"/> reads the user again and
    /// this checks it again — still there and, when <paramref name="username"/> is given, still
    /// carrying it — before writing on the new version, so a concurrent edit of another field is kept.
    /// A user that already has the type is not rewritten.
    /// </summary>
    /// <exception cref="ConfigConflictException">The user kept changing (the API answers 409 <c>concurrent-update</c>).</exception>
    public async Task<BcpTypeChange> SetAsync(TenantLocation tenant, EntityDocument user, string bcpType, string? username)
    {
        var from = BcpTypes.Of(user.Data);
        var result = await writer.EditAsync(tenant, EntityTypes.Users, user, current =>
        {
            if (username is not null && !UsernameKey.AreSame(Fields.String(current.Data[EntityValidator.UsernameField]), username))
            {
                // Renamed since its caller found it by this username: no longer the user the caller meant.
                return EntityEdit.Stop(EntityWriteOutcome.NotFound);
            }

            from = BcpTypes.Of(current.Data);
            if (from == bcpType)
            {
                return EntityEdit.Stop(EntityWriteOutcome.Unchanged);
            }

            var next = current.Data.DeepClone().AsObject();
            next[BcpTypes.Field] = bcpType;
            return EntityEdit.Write(next);
        });
        return result.Outcome switch
        {
            EntityWriteOutcome.Replaced => new(BcpTypeOutcome.Changed, result.Document, from),
            EntityWriteOutcome.Unchanged => new(BcpTypeOutcome.Unchanged, result.Document, from),
            _ => new(BcpTypeOutcome.Gone, null, from),
        };
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Runtime;
using Orleans.Bcp.Silo.Runtime;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Config;

/// <summary>
/// One object per username at <c>usernames/{escaped lower-case username}</c> in the control store
/// (usernames are platform-wide, not regional). Every change is conditional, so of two writers
/// claiming one name exactly one wins, and a release never removes a claim someone renewed since.
/// </summary>
/// <remarks>
/// The sync engine writes BCP copies of users without claiming: they keep the primary's username,
/// and the claim stays the primary user's (see <see cref="IUsernameIndex"/>).
/// </remarks>
public sealed class UsernameIndex(IObjectStoreProvider stores, ITenantConfiguration configuration, TimeProvider timeProvider) : IUsernameIndex
{
    /// <summary>
    /// A claim younger than this is never taken over, even if its user does not exist yet: its
    /// writer is between claiming and writing the user. Longer than any store call can take.
    /// </summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    public const string Prefix = "usernames/";

    private const int MaxAttempts = 5;

    // Blob names are at most 1,024 characters; a longer escaped name (many non-ASCII characters) is hashed.
    private const int MaxEscapedLength = 512;

    private IObjectStore Store => stores.Get(StorageNames.Control);

    public async Task<UsernameClaimResult> ClaimAsync(string username, TenantLocation tenant, string userId)
    {
        var key = Key(username);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var state = new UsernameClaimState(username.Trim(), tenant.TenantId, tenant.Region, userId, timeProvider.GetUtcNow());
            var data = StateSerializer.Serialize(state);
            try
            {
                var current = await Store.ReadAsync(key);
                if (current is null)
                {
                    return new(UsernameClaimOutcome.Created, state.ToClaim(await Store.CreateAsync(key, data)));
                }

                var held = Parse(current);
                var mine = held.TenantId == tenant.TenantId && held.UserId == userId;
                if (!mine && !await IsStaleAsync(held))
                {
                    return new(UsernameClaimOutcome.Taken, null);
                }

                // Renewing changes the ETag, so a concurrent release of the old claim (a rename away) fails.
                var etag = await Store.ReplaceAsync(key, data, current.ETag);
                return new(mine ? UsernameClaimOutcome.Renewed : UsernameClaimOutcome.Created, state.ToClaim(etag));
            }
            catch (StoreConflictException)
            {
                // Someone claimed, renewed or released it between our read and write: look again.
            }
        }

        throw new InconsistentStateException($"The claim on username '{username}' kept changing; retry.");
    }

    public async Task<bool> ReleaseAsync(UsernameClaim claim)
    {
        try
        {
            await Store.DeleteAsync(Key(claim.Username), claim.ETag);
            return true;
        }
        catch (StoreConflictException)
        {
            return false;
        }
    }

    public async Task<UsernameClaim?> FindAsync(string username)
    {
        var stored = await Store.ReadAsync(Key(username));
        return stored is null ? null : Parse(stored).ToClaim(stored.ETag);
    }

    /// <summary>The store key of a username: equal for usernames that differ only in case or surrounding spaces.</summary>
    public static string Key(string username)
    {
        var normalized = UsernameKey.Normalize(username);
        var escaped = Uri.EscapeDataString(normalized);
        // An escaped name never contains '/', so the hashed form cannot collide with it.
        return escaped.Length <= MaxEscapedLength
            ? Prefix + escaped
            : Prefix + "sha256/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    private async Task<bool> IsStaleAsync(UsernameClaimState held)
    {
        if (timeProvider.GetUtcNow() - held.ClaimedAt < StaleAfter)
        {
            return false;
        }

        var user = await configuration.GetAsync(new TenantLocation(held.TenantId, held.Region), EntityTypes.Users, held.UserId);
        var current = user?.Data["username"] is { } node && node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
        return !UsernameKey.AreSame(current, held.Username);
    }

    private static UsernameClaimState Parse(StoredObject stored) => StateSerializer.Deserialize<UsernameClaimState>(stored.Data);
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Config;

/// <summary>
/// One object per username at <c>usernames/{escaped lower-case username}</c> in the control store,
/// claimed and released conditionally (<see cref="UniqueValueClaims"/>).
/// </summary>
/// <remarks>
/// The sync engine writes BCP copies of users without claiming: they keep the primary's username,
/// and the claim stays the primary user's (see <see cref="IUsernameIndex"/>).
/// </remarks>
public sealed class UsernameIndex(IObjectStoreProvider stores, ITenantConfiguration configuration, TimeProvider timeProvider) : IUsernameIndex
{
    /// <inheritdoc cref="UniqueValueClaims.StaleAfter"/>
    public static readonly TimeSpan StaleAfter = UniqueValueClaims.StaleAfter;

    public const string Prefix = "usernames/";

    // Blob names are at most 1,024 characters; a longer escaped name (many non-ASCII characters) is hashed.
    private const int MaxEscapedLength = 512;

    private readonly UniqueValueClaims _claims = new(stores, timeProvider);

    public async Task<UsernameClaimResult> ClaimAsync(string username, TenantLocation tenant, string userId)
    {
        var attempt = await _claims.ClaimAsync(
            Key(username),
            now => new UsernameClaimState(username.Trim(), tenant.TenantId, tenant.Region, userId, now),
            held => held.TenantId == tenant.TenantId && held.UserId == userId,
            UserLetGoAsync,
            $"username '{username}'");
        return new(attempt.Outcome, attempt.State?.ToClaim(attempt.ETag!));
    }

    public Task<bool> ReleaseAsync(UsernameClaim claim) => _claims.ReleaseAsync(Key(claim.Username), claim.ETag);

    public async Task<UsernameClaim?> FindAsync(string username) =>
        await _claims.FindAsync<UsernameClaimState>(Key(username)) is (var state, var etag) ? state.ToClaim(etag) : null;

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

    /// <summary>A crashed writer's claim (user never written) or a rename whose release was lost.</summary>
    private async Task<bool> UserLetGoAsync(UsernameClaimState held)
    {
        var user = await configuration.GetAsync(new TenantLocation(held.TenantId, held.Region), EntityTypes.Users, held.UserId);
        var current = user?.Data["username"] is { } node && node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
        return !UsernameKey.AreSame(current, held.Username);
    }
}

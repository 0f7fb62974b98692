using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Silo.Config;

/// <summary>A user's username: unique platform-wide, regardless of case (<see cref="IUsernameIndex"/>).</summary>
internal sealed class UsernameField(IUsernameIndex index) : IUniqueField
{
    public string? ValueOf(JsonObject data) =>
        data["username"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public bool AreSame(string? left, string? right) => left is null ? right is null : UsernameKey.AreSame(left, right);

    public async Task<(IndexClaimOutcome Outcome, HeldClaim? Claim)> ClaimAsync(string value, TenantLocation tenant, string entityId)
    {
        var result = await index.ClaimAsync(value, tenant, entityId);
        return (result.Outcome, Held(result.Claim));
    }

    public async Task<HeldClaim?> FindOwnAsync(string value, TenantLocation tenant, string entityId) =>
        await index.FindAsync(value) is { } claim && claim.Tenant.TenantId == tenant.TenantId && claim.UserId == entityId ? Held(claim) : null;

    public EntityWriteOutcome Taken => EntityWriteOutcome.UsernameTaken;

    private HeldClaim? Held(UsernameClaim? claim) => claim is null ? null : new HeldClaim(() => index.ReleaseAsync(claim));
}

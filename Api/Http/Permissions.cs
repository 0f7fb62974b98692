namespace Orleans.Bcp.Api.Http;

/// <summary>Permission claim values (docs/api.md), carried in <see cref="ClaimType"/> claims.</summary>
public static class Permissions
{
    public const string ClaimType = "perm";
    public const string TenantClaimType = "tenant";

    public const string Setup = "bcp.setup";
    public const string ActivationEdit = "bcp.activation.edit";
    public const string SyncEdit = "bcp.sync.edit";
    public const string AccessEdit = "bcp.access.edit";
    public const string TenantConfigEdit = "tenant.config.edit";
    public const string LoginRead = "bcp.login.read";

    /// <summary>Policy for a switch: a tenant user with the passkey, or an operator with a reason.</summary>
    public const string SwitchPolicy = "switch";

    public static readonly IReadOnlyList<string> All = [Setup, ActivationEdit, SyncEdit, AccessEdit, TenantConfigEdit, LoginRead];

    /// <summary>Whether a token may carry <paramref name="permission"/> (ordinal: the names are case-sensitive).</summary>
    public static bool IsKnown(string? permission) => permission is not null && All.Contains(permission, StringComparer.Ordinal);
}

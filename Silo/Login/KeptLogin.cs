using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Freshness;

namespace Orleans.Bcp.Silo.Login;

/// <summary>
/// One username as a silo keeps it for login options: the claim that names its user and, once read under its
/// tenant's users stamp, the user's username and BCP type — in one object of 64 bytes, whose strings are the
/// key, the user id and, only when it is spelled otherwise than the key, the user's username (the tenant and the
/// stamp are shared with the tenant's other users, the BCP type is a code).
/// </summary>
public sealed class KeptLogin : IKeptEntry<KeptLogin>
{
    private const byte NoUser = 0;

    private readonly byte _type;

    private KeptLogin(string key, TenantLocation tenant, string userId, string username, byte type, long claimReadAt, string? stamp)
    {
        Tenant = tenant;
        UserId = userId;
        Username = string.Equals(key, username, StringComparison.Ordinal) ? key : username;
        _type = type;
        ClaimReadAt = claimReadAt;
        Stamp = stamp;
        Weight = HeapSizes.DictionarySlot + HeapSizes.Of(key) + Size + HeapSizes.Of(userId) + (ReferenceEquals(Username, key) ? 0 : HeapSizes.Of(Username));
    }

    /// <summary>The tenant that holds the user.</summary>
    public TenantLocation Tenant { get; }

    public string UserId { get; }

    /// <summary>The user's username as stored (the claim's until the user is read).</summary>
    public string Username { get; }

    /// <summary>The user's BCP type; <see cref="BcpTypes.None"/> until the user is read.</summary>
    public string BcpType => _type switch
    {
        2 => BcpTypes.Single,
        3 => BcpTypes.Multiple,
        _ => BcpTypes.None,
    };

    /// <summary>False while only the claim is known, or when the user read no longer carries the username.</summary>
    public bool HasUser => _type != NoUser;

    public long ClaimReadAt { get; }

    public string? Stamp { get; }

    public int Weight { get; }

    /// <summary>The object itself: header, four references, the timestamp, the weight and the type, 8-byte aligned.</summary>
    private static int Size => HeapSizes.Aligned(HeapSizes.ObjectHeader + (4 * 8) + 8 + 4 + 1);

    /// <summary>The claim on <paramref name="key"/>, read at <paramref name="readAt"/>, with its tenant's shared location.</summary>
    public static KeptLogin Claimed(string key, UsernameClaim claim, TenantLocation tenant, long readAt) =>
        new(key, tenant, claim.UserId, claim.Username, NoUser, readAt, null);

    /// <summary>
    /// This claim with its user read under <paramref name="stamp"/> (null when not kept): <paramref name="username"/> null when
    /// the user no longer carries the key.
    /// </summary>
    public KeptLogin WithUser(string key, string? username, string bcpType, string? stamp) =>
        new(key, Tenant, UserId, username ?? Username, username is null ? NoUser : CodeOf(bcpType), ClaimReadAt, stamp);

    public bool HasClaimOf(KeptLogin other) =>
        string.Equals(UserId, other.UserId, StringComparison.Ordinal) && string.Equals(Tenant.TenantId, other.Tenant.TenantId, StringComparison.Ordinal);

    private static byte CodeOf(string bcpType) => bcpType switch
    {
        BcpTypes.Single => 2,
        BcpTypes.Multiple => 3,
        _ => 1,
    };
}

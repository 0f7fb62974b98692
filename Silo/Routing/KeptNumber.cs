using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Silo.Freshness;

namespace Orleans.Bcp.Silo.Routing;

/// <summary>
/// One voice number as a silo keeps it for routing: the claim that names its point of contact and, once read under
/// its tenant's points-of-contact stamp, what routing needs of that point of contact. The number and the point of
/// contact's id are held once (the key and the claim's), the tenant and the stamp are shared with the tenant's other numbers.
/// </summary>
public sealed class KeptNumber : IKeptEntry<KeptNumber>
{
    private KeptNumber(string key, TenantLocation tenant, string pointOfContactId, KeptContact? contact, long claimReadAt, string? stamp)
    {
        Tenant = tenant;
        PointOfContactId = pointOfContactId;
        Contact = contact is null ? null : Sharing(contact, key, pointOfContactId);
        ClaimReadAt = claimReadAt;
        Stamp = stamp;
        Weight = HeapSizes.DictionarySlot + HeapSizes.Of(key) + Size + HeapSizes.Of(pointOfContactId) + WeightOf(Contact, key, pointOfContactId);
    }

    /// <summary>The tenant that holds the point of contact.</summary>
    public TenantLocation Tenant { get; }

    public string PointOfContactId { get; }

    /// <summary>The point of contact read under <see cref="Stamp"/>; null while only the claim is known, or when it is gone.</summary>
    public KeptContact? Contact { get; }

    public long ClaimReadAt { get; }

    public string? Stamp { get; }

    public int Weight { get; }

    /// <summary>The object itself: header, four references, the timestamp and the weight, 8-byte aligned.</summary>
    private static int Size => HeapSizes.Aligned(HeapSizes.ObjectHeader + (4 * 8) + 8 + 4);

    /// <summary>The point of contact and its routed form, with their own fields (references, flag) and the strings not shared.</summary>
    private static int ContactSize => HeapSizes.Aligned(HeapSizes.ObjectHeader + (2 * 8) + 1) + HeapSizes.Aligned(HeapSizes.ObjectHeader + (5 * 8));

    /// <summary>The claim on <paramref name="key"/>, read at <paramref name="readAt"/>, with its tenant's shared location.</summary>
    public static KeptNumber Claimed(string key, VoiceAddressClaim claim, TenantLocation tenant, long readAt) =>
        new(key, tenant, claim.PointOfContactId, null, readAt, null);

    /// <summary>This claim with its point of contact read under <paramref name="stamp"/> (null: it is gone).</summary>
    public KeptNumber WithContact(string key, KeptContact? contact, string stamp) => new(key, Tenant, PointOfContactId, contact, ClaimReadAt, stamp);

    public bool HasClaimOf(KeptNumber other) =>
        string.Equals(PointOfContactId, other.PointOfContactId, StringComparison.Ordinal) && string.Equals(Tenant.TenantId, other.Tenant.TenantId, StringComparison.Ordinal);

    // The point of contact's number and id, as read, are copies of the key's and the claim's text.
    private static KeptContact Sharing(KeptContact contact, string key, string pointOfContactId)
    {
        var shared = contact.Number == key && !ReferenceEquals(contact.Number, key) ? contact with { Number = key } : contact;
        return shared.Contact.Id == pointOfContactId && !ReferenceEquals(shared.Contact.Id, pointOfContactId)
            ? shared with { Contact = shared.Contact with { Id = pointOfContactId } }
            : shared;
    }

    private static int WeightOf(KeptContact? contact, string key, string pointOfContactId)
    {
        if (contact is null)
        {
            return 0;
        }

        var routed = contact.Contact;
        return ContactSize + (ReferenceEquals(contact.Number, key) ? 0 : HeapSizes.Of(contact.Number)) +
            (ReferenceEquals(routed.Id, pointOfContactId) ? 0 : HeapSizes.Of(routed.Id)) +
            HeapSizes.Of(routed.Name) + HeapSizes.Of(routed.SkillId) + HeapSizes.Of(routed.HoursOfOperationId) + HeapSizes.Of(routed.ScriptId);
    }
}

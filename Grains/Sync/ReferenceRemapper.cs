using System.Text.Json.Nodes;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>
/// Turns a primary entity into its BCP copy: every reference field gets the BCP id of the entity
/// it points to. If any reference cannot be resolved the copy is not made, so the BCP tenant
/// never holds a primary id in a reference field.
/// </summary>
public static class ReferenceRemapper
{
    public static JsonObject? Remap(
        EntityTypeInfo type, string primaryId, JsonObject primary, Func<string, string, string?> bcpIdOf, List<SyncWarning> warnings)
    {
        var copy = primary.DeepClone().AsObject();
        var resolved = true;
        foreach (var reference in type.References)
        {
            switch (copy[reference.Field])
            {
                case JsonValue value when value.TryGetValue<string>(out var id):
                    copy[reference.Field] = Resolve(id, reference);
                    break;
                case JsonArray ids:
                    for (var i = 0; i < ids.Count; i++)
                    {
                        ids[i] = ids[i] is JsonValue item && item.TryGetValue<string>(out var itemId) ? Resolve(itemId, reference) : null;
                    }

                    break;
            }
        }

        return resolved ? copy : null;

        string? Resolve(string id, ReferenceField reference)
        {
            if (bcpIdOf(reference.TargetType, id) is { } bcpId)
            {
                return bcpId;
            }

            resolved = false;
            warnings.Add(new SyncWarning(type.Name, primaryId, "reference-unresolved", reference.Field, id));
            return null;
        }
    }
}

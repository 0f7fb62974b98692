using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Freshness;

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>What the readiness checks need of one entity, taken out of its document once per version.</summary>
/// <param name="Name">Its name, or a user's username.</param>
/// <param name="IsVoice">A point of contact on the voice channel.</param>
/// <param name="IsActive">False when deactivated.</param>
/// <param name="SkillId">A point of contact's skill.</param>
/// <param name="UserId">An agent setting's user.</param>
/// <param name="SkillIds">An agent setting's skills.</param>
/// <param name="BcpType">A user's BCP type.</param>
/// <param name="Content">A script's content.</param>
public sealed record EntityFacts(
    string? Name, bool IsVoice, bool IsActive, string? SkillId, string? UserId, ImmutableArray<string> SkillIds, string? BcpType, string? Content)
{
    /// <summary>The bytes it takes on the heap with its strings.</summary>
    public int Weight =>
        HeapSizes.Aligned(HeapSizes.ObjectHeader + (6 * 8) + 8)
        + HeapSizes.Of(Name) + HeapSizes.Of(SkillId) + HeapSizes.Of(UserId) + HeapSizes.Of(BcpType) + HeapSizes.Of(Content)
        + (SkillIds.IsDefaultOrEmpty ? 0 : HeapSizes.ObjectHeader + 8 + (8 * SkillIds.Length) + SkillIds.Sum(HeapSizes.Of));

    public static EntityFacts Of(string type, JsonObject data) => new(
        Text(data, type == EntityTypes.Users ? "username" : "name"),
        Text(data, "channel") == "voice",
        data["active"] is not JsonValue active || active.GetValueKind() != JsonValueKind.False,
        type == EntityTypes.PointsOfContact ? Text(data, "skillId") : null,
        type == EntityTypes.AgentSettings ? Text(data, "userId") : null,
        type == EntityTypes.AgentSettings && data["skillIds"] is JsonArray skills
            ? [.. skills.OfType<JsonValue>().Where(skill => skill.GetValueKind() == JsonValueKind.String).Select(skill => skill.GetValue<string>())]
            : [],
        type == EntityTypes.Users ? BcpTypes.Of(data) : null,
        type == EntityTypes.Scripts ? Text(data, "content") : null);

    private static string? Text(JsonObject data, string field) =>
        data[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}

namespace Orleans.Bcp.Grains.Abstractions.Routing;

/// <summary>The point of contact that takes a call, with its references as ids of the tenant that takes it.</summary>
/// <param name="Id">The point of contact's id in that tenant.</param>
/// <param name="Name">Its name.</param>
/// <param name="SkillId">Its skill, if any.</param>
/// <param name="HoursOfOperationId">Its hours of operation, if any.</param>
/// <param name="ScriptId">Its Studio script, if any.</param>
[GenerateSerializer, Immutable, Alias("bcp.RoutedContact")]
public sealed record RoutedContact(string Id, string? Name, string? SkillId, string? HoursOfOperationId, string? ScriptId);

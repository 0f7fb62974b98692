namespace Orleans.Bcp.Grains.Config;

/// <summary>
/// The 11 entity types that sync, in dependency order: every type comes after the types it
/// references, so a sync run in this order finds each reference's correlation already made.
/// Scripts come before points of contact (which reference them); ids inside script content are
/// rewritten at the end of a run, when every correlation exists.
/// </summary>
public static class EntityTypes
{
    public const string BusinessUnitSettings = "business-unit-settings";
    public const string Dispositions = "dispositions";
    public const string HoursOfOperation = "hours-of-operation";
    public const string Skills = "skills";
    public const string Roles = "roles";
    public const string Teams = "teams";
    public const string Files = "files";
    public const string Scripts = "scripts";
    public const string Users = "users";
    public const string AgentSettings = "agent-settings";
    public const string PointsOfContact = "points-of-contact";

    /// <summary>The id under which a tenant's singleton document is stored.</summary>
    public const string SingletonId = "settings";

    public static IReadOnlyList<EntityTypeInfo> InSyncOrder { get; } =
    [
        new(BusinessUnitSettings, [], [], Singleton: true),
        new(Dispositions, [], ["name"]),
        new(HoursOfOperation, [], ["name"]),
        new(Skills, [], ["name"]),
        new(Roles, [], ["name"]),
        new(Teams, [], ["name"]),
        new(Files, [], ["name"]),
        new(Scripts, [], ["name"]),
        new(Users, [new("roleId", Roles), new("teamId", Teams)], ["username"]),
        new(AgentSettings, [new("userId", Users), new("skillIds", Skills, Many: true)], []),
        new(PointsOfContact, [new("skillId", Skills), new("hoursOfOperationId", HoursOfOperation), new("scriptId", Scripts)], ["name", "channel", "address"]),
    ];

    public static EntityTypeInfo? Find(string name) => InSyncOrder.FirstOrDefault(type => type.Name == name);
}

using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Api.Http;

/// <summary>
/// The names of the configuration entities' schemas and paths in the API document: per type, the entity
/// (<c>Skill</c>), the body a write sends (<c>SkillInput</c>) and a page (<c>SkillPage</c>), and the words its
/// operations use. Shared by the schemas (Api/Config/EntitySchemas.cs) and the per-type paths that refer to them.
/// </summary>
internal static class EntitySchemaNames
{
    /// <summary>The entity types with their names in the document, e.g. ("skills", "Skill", "Skills").</summary>
    public static IReadOnlyList<(EntityTypeInfo Type, string Singular, string Plural)> Types { get; } =
    [
        .. EntityTypes.InSyncOrder.Select(type => (type, Singular(type.Name), Pascal(type.Name))),
    ];

    public static string InputName(string singular) => singular + "Input";

    public static string PageName(string singular) => singular + "Page";

    /// <summary>"points-of-contact" → "points of contact"; singular: "point of contact".</summary>
    public static string Words(string name, bool singular) => (singular ? SingularName(name) : name).Replace('-', ' ');

    private static string Singular(string name) => Pascal(SingularName(name));

    private static string SingularName(string name) => name switch
    {
        EntityTypes.PointsOfContact => "point-of-contact",
        EntityTypes.HoursOfOperation or EntityTypes.AgentSettings or EntityTypes.BusinessUnitSettings => name,
        _ => name.TrimEnd('s'),
    };

    private static string Pascal(string name) => string.Concat(name.Split('-').Select(word => char.ToUpperInvariant(word[0]) + word[1..]));
}

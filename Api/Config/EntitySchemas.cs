using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Api.Config;

/// <summary>
/// The schemas of the configuration entities: per type, the body a write sends (<c>SkillInput</c>),
/// the entity a read answers (<c>Skill</c>: the same fields and its <c>id</c>) and a page of them
/// (<c>SkillPage</c>), named by <see cref="EntitySchemaNames"/>. They say what <see cref="EntityValidator"/> checks (docs/api.md, "Tenant
/// configuration"); any other field is kept as sent, so none of them closes its properties.
/// </summary>
internal sealed class EntitySchemas : IDocumentSchemas
{
    private const string TextRules = "trimmed; no control characters";

    public IEnumerable<(string Name, IOpenApiSchema Schema)> All(OpenApiDocument document)
    {
        foreach (var (type, singular, _) in EntitySchemaNames.Types)
        {
            yield return (EntitySchemaNames.InputName(singular), Input(type));
            yield return (singular, WithId(EntitySchemaNames.InputName(singular), type, document));
            if (!type.Singleton)
            {
                yield return (EntitySchemaNames.PageName(singular), Page(singular, document));
            }
        }
    }

    private static OpenApiSchema Input(EntityTypeInfo type)
    {
        if (type.Singleton)
        {
            return new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Any JSON object; stored as sent." };
        }

        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        var required = new List<string>();
        void Add(string field, IOpenApiSchema schema, bool isRequired)
        {
            properties[field] = schema;
            if (isRequired)
            {
                required.Add(field);
            }
        }

        foreach (var field in type.RequiredText.Where(field => field == "name"))
        {
            Add(field, Schemas.Text(EntityValidator.MaxNameLength, $"1 to {EntityValidator.MaxNameLength} characters, {TextRules}."), true);
        }

        switch (type.Name)
        {
            case EntityTypes.Roles:
                Add("permissions", Schemas.ArrayOf(Schemas.Text(EntityValidator.MaxNameLength, "A permission name."), Fields.MaxArrayItems, "The role's permissions.", nullable: true), false);
                break;
            case EntityTypes.Scripts:
                Add("content", new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    MaxLength = EntityValidator.MaxScriptContentBytes,
                    Description = "The script; may be empty, at most 1 MiB in UTF-8. Ids of other entities in it are rewritten by the sync when rewriteScriptIds is on.",
                }, true);
                break;
            case EntityTypes.Users:
                Add(EntityValidator.UsernameField, Schemas.Text(EntityValidator.MaxUsernameLength,
                    $"1 to {EntityValidator.MaxUsernameLength} characters, {TextRules}; unique across the platform regardless of case (409 username-taken)."), true);
                Add("firstName", Schemas.Text(EntityValidator.MaxNameLength, $"Up to {EntityValidator.MaxNameLength} characters, {TextRules}.", nullable: true, minLength: 0), false);
                Add("lastName", Schemas.Text(EntityValidator.MaxNameLength, $"Up to {EntityValidator.MaxNameLength} characters, {TextRules}.", nullable: true, minLength: 0), false);
                Add(BcpTypes.Field, Schemas.Choice(BcpTypes.All,
                    "Who may log in to the BCP tenant. `none` when left out on create, kept when left out on replace; changing it needs bcp.access.edit too (403 permission-required).",
                    nullable: true), false);
                break;
            case EntityTypes.PointsOfContact:
                Add("channel", Schemas.Choice(ContactAddress.Channels, "How the point of contact is reached."), true);
                Add("address", Schemas.Text(ContactAddress.MaxLength,
                    "Voice: a phone number in E.164 form, stored without spaces, dashes and parentheses (`+1 (415) 555-0100` → `+14155550100`), unique across the platform (409 address-taken); email: name@domain."), true);
                Add("active", new OpenApiSchema
                {
                    Type = JsonSchemaType.Boolean | JsonSchemaType.Null,
                    Default = JsonValue.Create(true),
                    Description = "Whether it takes contacts now; true when left out. An inactive voice point of contact keeps its number.",
                }, false);
                break;
        }

        foreach (var reference in type.References)
        {
            var isRequired = EntityValidator.IsRequired(type, reference);
            var id = new OpenApiSchema
            {
                Type = isRequired || reference.Many ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null,
                MinLength = 1,
                Description = $"The id of one of this tenant's {reference.TargetType} (422 reference-not-found otherwise).",
            };
            Add(reference.Field, reference.Many ? Schemas.ArrayOf(id, Fields.MaxArrayItems, $"Ids of this tenant's {reference.TargetType}.", nullable: true) : id, isRequired);
        }

        return Schemas.Object($"The {EntitySchemaNames.Words(type.Name, singular: true)} as a write sends it. Other fields are kept as sent; a create must not carry `id`, a replace may carry the URL's own.",
            properties, [.. required]);
    }

    private static OpenApiSchema WithId(string input, EntityTypeInfo type, OpenApiDocument document) => new()
    {
        Description = $"The {EntitySchemaNames.Words(type.Name, singular: true)} as stored: its id first, then its fields (text trimmed, defaults filled in).",
        AllOf =
        [
            Schemas.Ref(input, document),
            Schemas.Object("The server's id.", new Dictionary<string, IOpenApiSchema>
            {
                ["id"] = type.Singleton
                    ? new OpenApiSchema { Type = JsonSchemaType.String, Const = EntityTypes.SingletonId, Description = "The singleton's fixed id." }
                    : new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9a-f]{32}$", Description = "Made by the server: 32 hex digits." },
            }, "id"),
        ],
    };

    private static OpenApiSchema Page(string singular, OpenApiDocument document) => Schemas.Object(
        "One page of a listing.",
        new Dictionary<string, IOpenApiSchema>
        {
            ["items"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Schemas.Ref(singular, document) },
            ["continuationToken"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String | JsonSchemaType.Null,
                Description = "Pass it back as continuationToken for the next page; null on the last page.",
            },
        },
        "items", "continuationToken");
}

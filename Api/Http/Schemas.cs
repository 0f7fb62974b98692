using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Orleans.Bcp.Api.Http;

/// <summary>Small builders for the schemas written by hand (the document's own and each <see cref="IDocumentSchemas"/>).</summary>
internal static class Schemas
{
    public static OpenApiSchema Text(int maxLength, string description, bool nullable = false, int minLength = 1) => new()
    {
        Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String,
        MinLength = minLength,
        MaxLength = maxLength,
        Description = description,
    };

    public static OpenApiSchema Choice(IEnumerable<string> values, string description, bool nullable = false) => new()
    {
        Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String,
        Enum = [.. values.Select(value => (JsonNode)JsonValue.Create(value)), .. nullable ? new JsonNode[] { null! } : []],
        Description = description,
    };

    public static OpenApiSchema ArrayOf(IOpenApiSchema items, int maxItems, string description, bool nullable = false) => new()
    {
        Type = nullable ? JsonSchemaType.Array | JsonSchemaType.Null : JsonSchemaType.Array,
        Items = items,
        MaxItems = maxItems,
        Description = description,
    };

    public static OpenApiSchema Object(string description, IDictionary<string, IOpenApiSchema> properties, params string[] required) => new()
    {
        Type = JsonSchemaType.Object,
        Description = description,
        Properties = properties,
        Required = required.Length == 0 ? null : new HashSet<string>(required, StringComparer.Ordinal),
    };

    public static OpenApiSchemaReference Ref(string name, OpenApiDocument document) => new(name, document);
}

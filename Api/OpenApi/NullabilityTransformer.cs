using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Orleans.Bcp.Api.OpenApi;

/// <summary>
/// Two fixes to what the schema generator says of nullable types, so that a validator accepts a
/// value exactly when the server does:
/// <list type="bullet">
/// <item>An enum used as nullable somewhere got <c>null</c> among its values everywhere; a property
/// that may be null then read <c>oneOf [null, enum-with-null]</c>, which a real null matches twice
/// (and fails). The enum schemas lose their <c>null</c>; nullable properties keep their null branch.</item>
/// <item>Request records type every field nullable, to tell "left out" from a value; a field the
/// server requires (no default in the record) must be given and not be null, so it is not nullable.</item>
/// </list>
/// </summary>
internal sealed class NullabilityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schemas = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var schema in schemas.Values.OfType<OpenApiSchema>().Where(schema => schema.Enum is { Count: > 0 }))
        {
            if (schema.Enum!.Any(value => value is null) && schema.Enum!.OfType<System.Text.Json.Nodes.JsonValue>().All(value => value.TryGetValue<string>(out _)))
            {
                schema.Enum = [.. schema.Enum!.Where(value => value is not null)];
                schema.Type = JsonSchemaType.String;
            }
        }

        var requestSchemas = document.Paths.Values
            .SelectMany(item => (IEnumerable<OpenApiOperation>?)item.Operations?.Values ?? [])
            .SelectMany(operation => operation.RequestBody?.Content?.Values ?? [])
            .Select(media => media.Schema)
            .OfType<OpenApiSchemaReference>()
            .Select(reference => reference.Reference.Id)
            .OfType<string>()
            .Distinct();
        foreach (var name in requestSchemas)
        {
            if (schemas.TryGetValue(name, out var found) && found is OpenApiSchema { Properties: { } properties, Required: { } required })
            {
                foreach (var field in required.Where(properties.ContainsKey))
                {
                    properties[field] = NotNull(properties[field]);
                }
            }
        }

        return Task.CompletedTask;
    }

    private static IOpenApiSchema NotNull(IOpenApiSchema schema) => schema switch
    {
        OpenApiSchema { OneOf: [OpenApiSchema { Type: JsonSchemaType.Null }, var other] } => other,
        OpenApiSchema { Type: { } type } concrete when type.HasFlag(JsonSchemaType.Null) && type != JsonSchemaType.Null => Without(concrete, type),
        _ => schema,
    };

    private static OpenApiSchema Without(OpenApiSchema schema, JsonSchemaType type)
    {
        schema.Type = type & ~JsonSchemaType.Null;
        return schema;
    }
}

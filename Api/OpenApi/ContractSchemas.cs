using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Api.OpenApi;

/// <summary>The schema no C# type describes that every feature shares: the problem. A feature registers its own (<see cref="IDocumentSchemas"/>).</summary>
internal static class ContractSchemas
{
    public const string Problem = "Problem";

    /// <summary>RFC 9457 problem details with the extensions this API adds; clients branch on <c>type</c>.</summary>
    public static OpenApiSchema ProblemSchema(OpenApiDocument document)
    {
        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 9457 problem. `type` is `/problems/<slug>`, stable: branch on it, never on the text. Other members may be added.",
            Required = new HashSet<string>(["type", "title", "status"], StringComparer.Ordinal),
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^/problems/[a-z0-9-]+$", Description = "What went wrong, as `/problems/<slug>`." },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A short summary, for people." },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "400", Maximum = "599", Description = "The HTTP status." },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "What to do about it, for people." },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace, to find it in the logs." },
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = text },
                    Description = "validation and reference-not-found, username-taken, address-taken: field (e.g. `skillIds[1]`, `$` for the body) → messages.",
                },
                ["references"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Description = "reference-not-found: every reference that names no entity of the tenant.",
                    Items = Schemas.Object("A missing reference.", new Dictionary<string, IOpenApiSchema>
                    {
                        ["field"] = text,
                        ["type"] = text,
                        ["id"] = text,
                    }, "field", "type", "id"),
                },
                ["invalidRows"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    // The schema of Api/Access/InvalidRow.cs, which the CSV upload answers.
                    Items = Schemas.Ref("InvalidRow", document),
                    Description = "csv-invalid: every row that cannot be applied, in file order.",
                },
                ["runId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "sync-running: the run that is running." },
                ["lockedUntil"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "switch-locked: when switching opens again." },
                ["limit"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [.. new[] { RateLimits.Writes, RateLimits.Costly, RateLimits.LoginService }.Select(limit => (JsonNode)JsonValue.Create(limit))],
                    Description = "rate-limited: which of the caller's limits was reached (docs/rate-limits.md).",
                },
                ["permission"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "permission-required: the permission the request needs." },
            },
        };
    }
}

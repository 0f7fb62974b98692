using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Orleans.Bcp.Api.Access;
using Orleans.Bcp.Api.Hosting;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Api.OpenApi;

/// <summary>The schemas no C# type describes: the shared problem, and bodies the handlers read themselves.</summary>
internal static class ContractSchemas
{
    public const string Problem = "Problem";
    public const string BcpTypeChange = "BcpTypeChange";
    public const string BcpTypeCsv = "BcpTypeCsv";

    public static IEnumerable<(string Name, IOpenApiSchema Schema)> All(OpenApiDocument document)
    {
        yield return (Problem, ProblemSchema(document));
        yield return (BcpTypeChange, Schemas.Object("A user's new BCP type.", new Dictionary<string, IOpenApiSchema>
        {
            [BcpTypes.Field] = Schemas.Choice(BcpTypes.All, "none: may not log in to the BCP tenant; single: logs in to whichever tenant is active; multiple: chooses."),
        }, BcpTypes.Field));
        yield return (BcpTypeCsv, new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = $"CSV UTF-8 (RFC 4180): the header `username,bcpType` (either order), then at most {Access.BcpTypeCsv.MaxRows} rows, one user each.",
            Examples = [JsonValue.Create("username,bcpType\nichabod.crane@classics.example,single\nkatrina@classics.example,none\n")],
        });
        foreach (var schema in EntitySchemas.All(document))
        {
            yield return schema;
        }
    }

    /// <summary>RFC 9457 problem details with the extensions this API adds; clients branch on <c>type</c>.</summary>
    private static OpenApiSchema ProblemSchema(OpenApiDocument document)
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
                    Items = Schemas.Ref(nameof(InvalidRow), document),
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

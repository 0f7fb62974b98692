using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Api.Access;

/// <summary>The bodies the BCP type routes read themselves, as the API document shows them.</summary>
internal sealed class BcpTypeSchemas : IDocumentSchemas
{
    public const string BcpTypeChange = "BcpTypeChange";
    public const string BcpTypeCsv = "BcpTypeCsv";

    public IEnumerable<(string Name, IOpenApiSchema Schema)> All(OpenApiDocument document)
    {
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
    }
}

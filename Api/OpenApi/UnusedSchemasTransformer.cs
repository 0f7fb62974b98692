using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Orleans.Bcp.Api.OpenApi;

/// <summary>
/// Drops the schemas nothing refers to any more: those of the <c>{type}</c> routes that
/// <see cref="EntityPathsTransformer"/> replaced by per-type ones (a generic page of JSON objects).
/// </summary>
internal sealed partial class UnusedSchemasTransformer : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (document.Components?.Schemas is not { } schemas)
        {
            return;
        }

        document.Components.Schemas = null;
        var pending = new Queue<string>(References(await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken)));
        document.Components.Schemas = schemas;
        var used = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var name))
        {
            if (used.Add(name) && schemas.TryGetValue(name, out var schema))
            {
                foreach (var referenced in References(await schema.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken)))
                {
                    pending.Enqueue(referenced);
                }
            }
        }

        foreach (var name in schemas.Keys.Where(name => !used.Contains(name)).ToList())
        {
            schemas.Remove(name);
        }
    }

    private static IEnumerable<string> References(string json) =>
        SchemaReference().Matches(json).Select(match => match.Groups[1].Value);

    [GeneratedRegex("\"#/components/schemas/([^\"]+)\"")]
    private static partial Regex SchemaReference();
}

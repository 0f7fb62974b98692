using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Api.OpenApi;

/// <summary>
/// Completes each operation from its endpoint's metadata: who may call it (security and
/// <c>x-permissions</c>), its query and header parameters, the body its handler reads itself, and
/// every problem it can answer. Its texts are <see cref="OperationTextTransformer"/>'s.
/// </summary>
internal sealed partial class ContractOperationTransformer(IAuthorizationPolicyProvider policies) : IOpenApiOperationTransformer
{
    public const string PermissionsExtension = "x-permissions";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document ?? throw new InvalidOperationException("Operations are transformed within a document.");
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var access = await EndpointAccess.OfAsync([.. metadata], policies);
        ApplyAccess(operation, access, document);
        ApplyParameters(operation, metadata);
        AddRouteParameters(operation, context.Description.RelativePath ?? "");
        if (metadata.OfType<RequestBodyMetadata>().LastOrDefault() is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [body.ContentType] = new()
                    {
                        Schema = body.SchemaName is null ? new OpenApiSchema { Type = JsonSchemaType.Object } : Schemas.Ref(body.SchemaName, document),
                    },
                },
            };
        }

        if (metadata.OfType<EntityResponseMetadata>().LastOrDefault() is { } entity)
        {
            foreach (var response in (operation.Responses ?? []).Values.OfType<OpenApiResponse>().Where(response => response.Content?.ContainsKey("application/json") == true))
            {
                response.Content!["application/json"] = new OpenApiMediaType { Schema = Schemas.Ref(entity.SchemaName, document) };
                response.Headers = new Dictionary<string, IOpenApiHeader> { ["ETag"] = EntityPathsTransformer.ETagHeader() };
            }
        }

        ProblemResponses.Apply(operation, ProblemSet.For(context.Description, [.. metadata], access), document);
    }

    public static void ApplyAccess(OpenApiOperation operation, EndpointAccess access, OpenApiDocument document)
    {
        operation.Security = access.Anonymous
            ? []
            : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ContractDocumentTransformer.BearerScheme, document)] = [] }];
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[PermissionsExtension] = new JsonNodeExtension(new JsonArray([.. access.Permissions.Select(permission => (JsonNode)JsonValue.Create(permission))]));
    }

    private static void ApplyParameters(OpenApiOperation operation, IList<object> metadata)
    {
        foreach (var query in metadata.OfType<QueryParameterMetadata>())
        {
            var parameter = operation.Parameters?.OfType<OpenApiParameter>().SingleOrDefault(p => p.In == ParameterLocation.Query && p.Name == query.Name)
                ?? throw new InvalidOperationException($"{operation.OperationId} has no query parameter '{query.Name}' to describe.");
            parameter.Required = query.Required;
            parameter.Schema = query.Minimum is null
                ? new OpenApiSchema { Type = JsonSchemaType.String }
                : new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Minimum = Number(query.Minimum),
                    Maximum = Number(query.Maximum),
                    Default = query.Default is { } value ? JsonValue.Create(value) : null,
                };
        }

        if (metadata.OfType<IfMatchMetadata>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(IfMatchParameter());
        }
    }

    /// <summary>Every route segment parameter, also one the handler does not take (a filter reads it, as VisiblePairFilter reads pairId).</summary>
    private static void AddRouteParameters(OpenApiOperation operation, string route)
    {
        operation.Parameters ??= [];
        var known = operation.Parameters.Where(parameter => parameter.In == ParameterLocation.Path).Select(parameter => parameter.Name).ToHashSet();
        var index = 0;
        foreach (var name in RouteParameter().Matches(route).Select(match => match.Groups[1].Value))
        {
            if (!known.Contains(name))
            {
                operation.Parameters.Insert(index, new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Path,
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }

            index++;
        }
    }

    [GeneratedRegex("\\{([A-Za-z]+)\\}")]
    private static partial Regex RouteParameter();

    public static OpenApiParameter IfMatchParameter() => new()
    {
        Name = "If-Match",
        In = ParameterLocation.Header,
        Description = "`*` or a list of quoted ETags (compared strongly): the write happens only if the entity's current ETag is named (else 412 etag-mismatch). Without it the write is unconditional.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static string? Number(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Api.OpenApi;

/// <summary>
/// Shows each configuration route with a <c>{type}</c> segment (<see cref="PerEntityTypeMetadata"/>)
/// once per collection type — <c>/tenants/{tenantId}/skills</c>, … — with that type's schemas and
/// problems, and drops the <c>{type}</c> form: one path per type reads unambiguously and gives a
/// generated client one typed call per type.
/// </summary>
internal sealed class EntityPathsTransformer(IAuthorizationPolicyProvider policies) : IOpenApiDocumentTransformer
{
    private const string JsonContentType = "application/json";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var generic = new HashSet<string>(StringComparer.Ordinal);
        foreach (var description in context.DescriptionGroups.SelectMany(group => group.Items))
        {
            var metadata = description.ActionDescriptor.EndpointMetadata;
            if (!metadata.OfType<PerEntityTypeMetadata>().Any())
            {
                continue;
            }

            var path = ApiDescriptionPaths.PathOf(description);
            var method = HttpMethod.Parse(description.HttpMethod);
            var template = document.Paths.TryGetValue(path, out var item) && item.Operations?.GetValueOrDefault(method) is { } found
                ? found
                : throw new InvalidOperationException($"{method} {path} is not in the document.");
            var access = await EndpointAccess.OfAsync([.. metadata], policies);
            var kind = Kind(method, path.EndsWith("/{id}", StringComparison.Ordinal));
            foreach (var (type, singular, plural) in EntitySchemaNames.Types.Where(entity => !entity.Type.Singleton))
            {
                var problems = ProblemSet.For(description, [.. metadata], access);
                AddTypeProblems(problems, type, kind is EntityOperation.Create or EntityOperation.Replace);
                var concrete = path.Replace("{type}", type.Name, StringComparison.Ordinal);
                if (!document.Paths.TryGetValue(concrete, out var concreteItem))
                {
                    document.Paths[concrete] = concreteItem = new OpenApiPathItem();
                }

                ((OpenApiPathItem)concreteItem).AddOperation(method, Operation(template, kind, type, singular, plural, problems, access, document));
            }

            generic.Add(path);
        }

        foreach (var path in generic)
        {
            document.Paths.Remove(path);
        }
    }

    private static EntityOperation Kind(HttpMethod method, bool item) => (method.Method, item) switch
    {
        ("GET", false) => EntityOperation.List,
        ("POST", false) => EntityOperation.Create,
        ("GET", true) => EntityOperation.Get,
        ("PUT", true) => EntityOperation.Replace,
        ("DELETE", true) => EntityOperation.Delete,
        _ => throw new InvalidOperationException($"No per-type form of {method} (item: {item})."),
    };

    /// <summary>The problems that depend on the type (ConfigProblems.WriteFailed, ReferenceCheck); the type itself is known here.</summary>
    private static void AddTypeProblems(ProblemSet problems, EntityTypeInfo type, bool writesBody)
    {
        problems.Remove("unknown-entity-type");
        if (!writesBody)
        {
            return;
        }

        if (type.Name == EntityTypes.Users)
        {
            problems.Add(StatusCodes.Status409Conflict, "username-taken");
        }

        if (type.Name == EntityTypes.PointsOfContact)
        {
            problems.Add(StatusCodes.Status409Conflict, "address-taken");
        }

        if (type.References.Count > 0)
        {
            problems.Add(StatusCodes.Status422UnprocessableEntity, "reference-not-found");
        }
    }

    private static OpenApiOperation Operation(
        OpenApiOperation template, EntityOperation kind, EntityTypeInfo type, string singular, string plural,
        ProblemSet problems, EndpointAccess access, OpenApiDocument document)
    {
        var one = EntitySchemaNames.Words(type.Name, singular: true);
        var many = EntitySchemaNames.Words(type.Name, singular: false);
        var article = one == many ? "" : "a ";
        var (operationId, summary, description) = kind switch
        {
            EntityOperation.List => ($"list{plural}", $"List {many}", $"One page of the tenant's {many}; continuationToken asks for the next."),
            EntityOperation.Create => ($"create{singular}", $"Create {article}{one}", $"Creates {article}{one}; the server makes its id. {Notes(type)}"),
            EntityOperation.Get => ($"get{singular}", $"Read {article}{one}", $"Reads one {one}, with its ETag."),
            EntityOperation.Replace => ($"replace{singular}", $"Replace {article}{one}", $"Replaces the {one} with the body; If-Match makes it conditional. {Notes(type)}"),
            _ => ($"delete{singular}", $"Delete {article}{one}", $"Deletes the {one}; what references it is not checked (the sync reports unresolved references)."),
        };
        var operation = new OpenApiOperation(template)
        {
            OperationId = operationId,
            Summary = summary,
            Description = $"{description.TrimEnd()}\n\n{access.Sentence}",
            Parameters = [.. template.Parameters?.Where(parameter => parameter.Name != "type") ?? []],
            Responses = [],
        };
        foreach (var (status, response) in template.Responses ?? [])
        {
            if (!ProblemResponses.IsProblem(response))
            {
                operation.Responses[status] = Success(kind, singular, response.Description, document);
            }
        }

        if (kind is EntityOperation.Create or EntityOperation.Replace)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { [JsonContentType] = new() { Schema = Schemas.Ref(EntitySchemaNames.InputName(singular), document) } },
            };
        }

        ProblemResponses.Apply(operation, problems, document);
        return operation;
    }

    private static string Notes(EntityTypeInfo type) => string.Join(" ", new[]
    {
        type.Name == EntityTypes.Users ? "Usernames are unique across the platform; changing bcpType also needs bcp.access.edit." : null,
        type.Name == EntityTypes.PointsOfContact ? "A voice number rings in one point of contact across the platform." : null,
        type.Name == EntityTypes.Scripts ? "The body limit is raised to carry 1 MiB of content." : null,
        type.References.Count > 0 ? "References must name entities of the same tenant." : null,
    }.OfType<string>());

    private static OpenApiResponse Success(EntityOperation kind, string singular, string? description, OpenApiDocument document)
    {
        if (kind == EntityOperation.Delete)
        {
            return new OpenApiResponse { Description = "Deleted." };
        }

        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [JsonContentType] = new() { Schema = Schemas.Ref(kind == EntityOperation.List ? EntitySchemaNames.PageName(singular) : singular, document) },
            },
        };
        if (kind != EntityOperation.List)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader> { ["ETag"] = ETagHeader() };
        }

        return response;
    }

    public static OpenApiHeader ETagHeader() => new()
    {
        Description = "The entity's version, for If-Match.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private enum EntityOperation
    {
        List,
        Create,
        Get,
        Replace,
        Delete,
    }
}

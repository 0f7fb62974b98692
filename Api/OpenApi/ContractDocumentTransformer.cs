using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Api.OpenApi;

/// <summary>
/// What the document says as a whole: its info and server, the tags, the bearer scheme, the schemas
/// written by hand (<see cref="ContractSchemas"/> and each feature's <see cref="IDocumentSchemas"/>), and <c>/metrics</c>, which prometheus-net maps as
/// a plain request delegate that the API explorer does not see.
/// </summary>
internal sealed class ContractDocumentTransformer(IEnumerable<IDocumentSchemas> features) : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "bearer";

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Health", "Liveness, readiness and metrics, for load balancers and monitoring; no token."),
        ("Profile", "Who the caller is, and which tenant it is on."),
        ("Tenants", "Tenants, created by operators (bcp.setup)."),
        ("Tenant pairs", "A primary tenant and its BCP tenant: the active side, switching it, the passkey, the audit trail."),
        ("Sync", "The daily copy of configuration from the primary to the BCP tenant: settings, runs, correlations, the script checklist."),
        ("Drills", "A switch rehearsed, nothing moved: the passkey, readiness, the login and routing answers after the switch, every node; and the weekly schedule."),
        ("Switch reports", "Each switch's measured timeline: the request, the commit, every node serving the new side, the first login and call after it."),
        ("Webhooks", "Signed notifications of a pair's switches and sync runs, posted to the URLs its admins register, with retries."),
        ("Tenant configuration", "A tenant's configuration entities, seen by the tenant's own users only. Writes need tenant.config.edit."),
        ("User access", "Users' BCP types: who may log in to the BCP tenant, and how many can (billable)."),
        ("Login", "Login options, for the login service (bcp.login.read)."),
        ("Routing", "Voice routing, for the telephony router (bcp.login.read)."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Orleans.Bcp API",
            Version = "v1",
            Description = "The business-continuity control plane: tenant pairs, switching the active side, the daily configuration sync, "
                + "tenant configuration, users' BCP access, and the hot reads for login and voice routing.\n\n"
                + "Requests carry a bearer JWT whose `tenant` claim names the caller's tenant and whose `perm` claims its permissions; "
                + "each operation says which permission it needs (also as `x-permissions`: any one of them grants it). "
                + "Bodies are JSON in camelCase, enums lower-case strings. Every error is an RFC 9457 problem "
                + "(`application/problem+json`) whose `type` is `/problems/<slug>`; each response lists the slugs it can carry.",
        };
        // Relative: the document describes the server that serves it, wherever it listens.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The server that serves this document." }];
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(tag => new OpenApiTag { Name = tag.Name, Description = tag.Description }));

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT with `sub` (the user), `tenant` (the tenant it acts in) and `perm` claims (permissions). "
                + "In Development, `dotnet run --project Api -- token --tenant <id> --user <name> --perm <permission>` mints one.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ContractSchemas.Problem] = ContractSchemas.ProblemSchema(document);
        foreach (var (name, schema) in features.SelectMany(feature => feature.All(document)))
        {
            document.Components.Schemas[name] = schema;
        }

        document.Paths["/metrics"] = Metrics(document);
        return Task.CompletedTask;
    }

    private static OpenApiPathItem Metrics(OpenApiDocument document)
    {
        var item = new OpenApiPathItem();
        var operation = new OpenApiOperation
        {
            OperationId = "getMetrics",
            Summary = "Prometheus metrics",
            Tags = new HashSet<OpenApiTagReference> { new("Health") },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "Every .NET meter of the node in the Prometheus text format.",
                    Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
                },
            },
        };
        var access = new EndpointAccess(true, [], false);
        operation.Description = $"The node's own metrics (Orleans.Bcp, ASP.NET Core's per-route request durations, Orleans, the runtime).\n\n{access.Sentence}";
        ContractOperationTransformer.ApplyAccess(operation, access, document);
        item.AddOperation(HttpMethod.Get, operation);
        return item;
    }
}

using Scalar.AspNetCore;

namespace Orleans.Bcp.Api.OpenApi;

/// <summary>The API document (docs/api.md), served with its reference page in Development.</summary>
public static class BcpOpenApi
{
    public const string DocumentRoute = "/openapi/{documentName}.json";

    public static IServiceCollection AddBcpOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer<OmittedFieldsTransformer>();
            options.AddOperationTransformer<ContractOperationTransformer>();
            options.AddDocumentTransformer<ContractDocumentTransformer>();
            options.AddDocumentTransformer<OperationTextTransformer>();
            options.AddDocumentTransformer<EntityPathsTransformer>();
            options.AddDocumentTransformer<NullabilityTransformer>();
            options.AddDocumentTransformer<UnusedSchemasTransformer>();
        });

    /// <summary>
    /// <c>/openapi/v1.json</c> and the Scalar reference page at <c>/docs</c>. The page loads Scalar's
    /// script from this server (bundled in Scalar.AspNetCore), no web fonts, and calls no service of
    /// Scalar's (telemetry, the AI chat and the hosted developer tools are off), so it works offline.
    /// </summary>
    public static void MapBcpOpenApi(this WebApplication app)
    {
        app.MapOpenApi(DocumentRoute);
        app.MapScalarApiReference("/docs", options => options
            .WithTitle("Orleans.Bcp API")
            .WithOpenApiRoutePattern(DocumentRoute)
            .ShowOperationId()
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .HideDeveloperTools());
    }
}

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Config;

namespace Orleans.Bcp.Api.Config;

/// <summary>Tenants' configuration entities (docs/api.md): list, create, read, replace, delete; one singleton.</summary>
public static class ConfigEndpoints
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;
    private const int ReadParallelism = 16;

    public static RouteGroupBuilder MapTenantConfiguration(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/tenants/{tenantId}").WithTags("Tenant configuration").RequireAuthorization();
        // Routing prefers a literal segment to a parameter, so these win over "{type}" for the
        // singleton, and later literal routes (/users/bcp-types, /users/{userId}/bcp-type) win the
        // same way. No route here has four segments or a POST on an item.
        const string settings = "/" + EntityTypes.BusinessUnitSettings;
        const string settingsSchema = "BusinessUnitSettings";
        group.MapGet(settings, GetSettingsAsync)
            .WithName("getBusinessUnitSettings").WithSummary("Read the business-unit settings")
            .WithDescription("The tenant's one settings document, with its ETag; 404 until it is first written.")
            .WithEntityResponse(settingsSchema).ProducesProblems(404, "not-found");
        group.MapPut(settings, PutSettingsAsync).RequireAuthorization(Permissions.TenantConfigEdit)
            .WithName("putBusinessUnitSettings").WithSummary("Write the business-unit settings")
            .WithDescription("Creates (201) or replaces (200) the tenant's settings document, any JSON object; If-Match makes it conditional.")
            .WithRequestBody("application/json", settingsSchema + "Input").WithIfMatch().WithEntityResponse(settingsSchema)
            .ProducesProblems(400, "validation").ProducesProblems(404, "not-found").ProducesProblems(412, "etag-mismatch");
        // Answered with a 405 problem and Allow, and not documented: a method a path does not list is not allowed.
        group.MapMethods(settings, [HttpMethods.Post, HttpMethods.Delete], SettingsMethodNotAllowed).ExcludeFromDescription();
        // Documented once per type (PerEntityType); an unknown type answers 404 unknown-entity-type.
        group.MapGet("/{type}", ListAsync).PerEntityType()
            .WithIntegerQuery("pageSize", 1, MaxPageSize, DefaultPageSize)
            .ProducesProblems(400, "validation").ProducesProblems(404, "not-found", "unknown-entity-type");
        group.MapPost("/{type}", CreateAsync).RequireAuthorization(Permissions.TenantConfigEdit).PerEntityType()
            .WithRequestBody("application/json")
            .ProducesProblems(400, "validation").ProducesProblems(404, "not-found", "unknown-entity-type");
        group.MapGet("/{type}/{id}", GetAsync).PerEntityType()
            .ProducesProblems(404, "not-found", "unknown-entity-type");
        group.MapPut("/{type}/{id}", ReplaceAsync).RequireAuthorization(Permissions.TenantConfigEdit).PerEntityType()
            .WithRequestBody("application/json").WithIfMatch()
            .ProducesProblems(400, "validation").ProducesProblems(404, "not-found", "unknown-entity-type").ProducesProblems(412, "etag-mismatch");
        group.MapDelete("/{type}/{id}", DeleteAsync).RequireAuthorization(Permissions.TenantConfigEdit).PerEntityType()
            .WithIfMatch()
            .ProducesProblems(400, "validation").ProducesProblems(404, "not-found", "unknown-entity-type").ProducesProblems(412, "etag-mismatch");
        return group;
    }

    internal static async Task<Results<Ok<EntityPage>, ProblemHttpResult>> ListAsync(
        string tenantId, string type, Caller caller, IGrainFactory grains, ITenantConfiguration configuration,
        string? pageSize = null, string? continuationToken = null)
    {
        var (target, problem) = await ConfigTarget.ResolveAsync(grains, caller, tenantId, type);
        if (problem is not null)
        {
            return problem;
        }

        if (target!.Type.Singleton)
        {
            return ConfigProblems.MethodNotAllowed(type);
        }

        var size = DefaultPageSize;
        if (pageSize is not null && !WholeNumber.TryParse(pageSize, 1, MaxPageSize, out size))
        {
            return Problem.Invalid("pageSize", $"pageSize must be a whole number from 1 to {MaxPageSize}.");
        }

        if (!ContinuationToken.TryDecode(continuationToken, out var storeToken))
        {
            return Problem.Invalid("continuationToken", "continuationToken must be a token from an earlier page.");
        }

        var (versions, next) = await configuration.ListAsync(target.Tenant, target.Type.Name, storeToken, size);
        var documents = new EntityDocument?[versions.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, versions.Count), new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism },
            async (i, _) => documents[i] = await configuration.GetAsync(target.Tenant, target.Type.Name, versions[i].Id));
        // An entity deleted between listing and reading is simply not on the page.
        var items = documents.OfType<EntityDocument>().Select(document => EntityJson.WithId(document.Id, document.Data)).ToList();
        return TypedResults.Ok(new EntityPage(items, ContinuationToken.Encode(next)));
    }

    internal static async Task<Results<Created<JsonObject>, ProblemHttpResult>> CreateAsync(
        string tenantId, string type, HttpRequest request, Caller caller, IGrainFactory grains,
        ITenantConfiguration configuration, EntityWriter writer)
    {
        var (target, problem) = await ConfigTarget.ResolveAsync(grains, caller, tenantId, type);
        if (problem is not null)
        {
            return problem;
        }

        if (target!.Type.Singleton)
        {
            return ConfigProblems.MethodNotAllowed(type);
        }

        var (data, invalid) = await ReadValidAsync(request, target, configuration, routeId: null);
        if (invalid is not null)
        {
            return invalid;
        }

        var id = Ids.New();
        var result = await writer.CreateAsync(target.Tenant, type, id, data!, caller.Has(Permissions.AccessEdit));
        if (!result.Succeeded)
        {
            return ConfigProblems.WriteFailed(result.Outcome, type, id);
        }

        var document = result.Document!;
        request.HttpContext.Response.Headers.ETag = EntityETag.ToHeader(document.ETag);
        return TypedResults.Created($"/tenants/{tenantId}/{type}/{document.Id}", EntityJson.WithId(document.Id, document.Data));
    }

    internal static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> GetAsync(
        string tenantId, string type, string id, HttpResponse response, Caller caller, IGrainFactory grains, ITenantConfiguration configuration)
    {
        var (target, problem) = await ConfigTarget.ResolveAsync(grains, caller, tenantId, type);
        if (problem is not null)
        {
            return problem;
        }

        if (target!.Type.Singleton)
        {
            return ConfigProblems.SingletonHasNoItems(type);
        }

        var document = Ids.IsWellFormed(id) ? await configuration.GetAsync(target.Tenant, type, id) : null;
        return document is null ? ConfigProblems.EntityNotFound(type, id) : Found(document, response);
    }

    internal static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> ReplaceAsync(
        string tenantId, string type, string id, HttpRequest request, Caller caller, IGrainFactory grains,
        ITenantConfiguration configuration, EntityWriter writer)
    {
        var (target, ifMatch, problem) = await ResolveItemWriteAsync(tenantId, type, id, request, caller, grains);
        if (problem is not null)
        {
            return problem;
        }

        var (data, invalid) = await ReadValidAsync(request, target!, configuration, routeId: id);
        if (invalid is not null)
        {
            return invalid;
        }

        var result = await writer.ReplaceAsync(target!.Tenant, type, id, data!, ifMatch, caller.Has(Permissions.AccessEdit));
        return result.Succeeded
            ? Found(result.Document!, request.HttpContext.Response)
            : ConfigProblems.WriteFailed(result.Outcome, type, id);
    }

    /// <summary>What a write to one entity needs first: an item of a collection type the caller may write, and a readable If-Match.</summary>
    private static async Task<(ConfigTarget? Target, IfMatch? IfMatch, ProblemHttpResult? Problem)> ResolveItemWriteAsync(
        string tenantId, string type, string id, HttpRequest request, Caller caller, IGrainFactory grains)
    {
        var (target, problem) = await ConfigTarget.ResolveAsync(grains, caller, tenantId, type);
        if (problem is not null)
        {
            return (null, null, problem);
        }

        if (target!.Type.Singleton)
        {
            return (null, null, ConfigProblems.SingletonHasNoItems(type));
        }

        if (!Ids.IsWellFormed(id))
        {
            return (null, null, ConfigProblems.EntityNotFound(type, id));
        }

        return IfMatch.TryParse(request, out var ifMatch)
            ? (target, ifMatch, null)
            : (null, null, Problem.Invalid("If-Match", "If-Match must be * or a list of quoted ETags."));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string tenantId, string type, string id, HttpRequest request, Caller caller, IGrainFactory grains,
        EntityWriter writer)
    {
        var (target, ifMatch, problem) = await ResolveItemWriteAsync(tenantId, type, id, request, caller, grains);
        if (problem is not null)
        {
            return problem;
        }

        var result = await writer.DeleteAsync(target!.Tenant, type, id, ifMatch);
        return result.Succeeded ? TypedResults.NoContent() : ConfigProblems.WriteFailed(result.Outcome, type, id);
    }

    internal static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> GetSettingsAsync(
        string tenantId, HttpResponse response, Caller caller, IGrainFactory grains, ITenantConfiguration configuration)
    {
        var (target, problem) = await ConfigTarget.ResolveAsync(grains, caller, tenantId, EntityTypes.BusinessUnitSettings);
        if (problem is not null)
        {
            return problem;
        }

        var document = await configuration.GetAsync(target!.Tenant, EntityTypes.BusinessUnitSettings, EntityTypes.SingletonId);
        return document is null ? ConfigProblems.SingletonNotFound(EntityTypes.BusinessUnitSettings) : Found(document, response);
    }

    /// <summary>Creates (201) or replaces (200) the tenant's business-unit settings.</summary>
    internal static async Task<Results<Created<JsonObject>, Ok<JsonObject>, ProblemHttpResult>> PutSettingsAsync(
        string tenantId, HttpRequest request, Caller caller, IGrainFactory grains,
        ITenantConfiguration configuration, EntityWriter writer)
    {
        var (target, problem) = await ConfigTarget.ResolveAsync(grains, caller, tenantId, EntityTypes.BusinessUnitSettings);
        if (problem is not null)
        {
            return problem;
        }

        if (!IfMatch.TryParse(request, out var ifMatch))
        {
            return Problem.Invalid("If-Match", "If-Match must be * or a list of quoted ETags.");
        }

        var (data, invalid) = await ReadValidAsync(request, target!, configuration, routeId: EntityTypes.SingletonId);
        if (invalid is not null)
        {
            return invalid;
        }

        var result = await writer.PutSingletonAsync(target!.Tenant, EntityTypes.BusinessUnitSettings, data!, ifMatch);
        if (!result.Succeeded)
        {
            return ConfigProblems.WriteFailed(result.Outcome, EntityTypes.BusinessUnitSettings, EntityTypes.SingletonId);
        }

        var document = result.Document!;
        request.HttpContext.Response.Headers.ETag = EntityETag.ToHeader(document.ETag);
        var body = EntityJson.WithId(document.Id, document.Data);
        return result.Outcome == EntityWriteOutcome.Created
            ? TypedResults.Created($"/tenants/{tenantId}/{EntityTypes.BusinessUnitSettings}", body)
            : TypedResults.Ok(body);
    }

    internal static ProblemHttpResult SettingsMethodNotAllowed(HttpResponse response)
    {
        response.Headers.Allow = "GET, PUT";
        return ConfigProblems.MethodNotAllowed(EntityTypes.BusinessUnitSettings);
    }

    /// <summary>The body as a document to store: well-formed (400), then every reference found in the tenant (422). Nothing is written either way.</summary>
    private static async Task<(JsonObject? Data, ProblemHttpResult? Problem)> ReadValidAsync(
        HttpRequest request, ConfigTarget target, ITenantConfiguration configuration, string? routeId)
    {
        var (body, unreadable) = await EntityBody.ReadAsync(request, target.Type);
        if (unreadable is not null)
        {
            return (null, unreadable);
        }

        var errors = new FieldErrors();
        var data = EntityValidator.Validate(target.Type, body!, routeId, errors);
        if (errors.Any)
        {
            return (null, errors.ToProblem());
        }

        var missing = await ReferenceCheck.FindMissingAsync(configuration, target.Tenant, target.Type, data);
        return missing.Count == 0 ? (data, null) : (null, ConfigProblems.ReferencesNotFound(missing));
    }

    private static Ok<JsonObject> Found(EntityDocument document, HttpResponse response)
    {
        response.Headers.ETag = EntityETag.ToHeader(document.ETag);
        return TypedResults.Ok(EntityJson.WithId(document.Id, document.Data));
    }
}

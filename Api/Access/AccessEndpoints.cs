using System.Globalization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Access;
using Orleans.Bcp.Silo.Config;

namespace Orleans.Bcp.Api.Access;

/// <summary>Users' BCP types (docs/api.md): set one, upload many as CSV, count them per pair.</summary>
public static class AccessEndpoints
{
    /// <summary>
    /// 1,000 rows with usernames of the longest allowed length (256 characters) and the longest
    /// type, with room for quoting; the API's 64 KiB limit stays for every other route.
    /// </summary>
    public const long MaxCsvBodyBytes = 512 * 1024;

    public static RouteGroupBuilder MapUserAccess(this IEndpointRouteBuilder routes)
    {
        // Literal segments win over the configuration routes' "{type}/{id}" (see MapTenantConfiguration).
        var group = routes.MapGroup("/tenants/{tenantId}/users").WithTags("User access").RequireAuthorization(Permissions.AccessEdit);
        group.MapPut("/{userId}/bcp-type", SetBcpTypeAsync)
            .WithName("setUserBcpType").WithSummary("Set a user's BCP type")
            .WithDescription("Sets who may log in to the BCP tenant. Setting the type a user has writes nothing (audited as unchanged). Only the tenant's own users may; 404 for anyone else.")
            .WithRequestBody("application/json", BcpTypeSchemas.BcpTypeChange)
            .ProducesProblems(400, "validation").ProducesProblems(404, "not-found");
        group.MapPost("/bcp-types", UploadBcpTypesAsync).LimitAsCostly()
            .WithName("uploadBcpTypes").WithSummary("Set many users' BCP types from CSV")
            .WithDescription($"All or nothing: every row is checked first; if any is wrong nothing is applied, and the 400 csv-invalid lists every bad row with its line. At most {BcpTypeCsv.MaxRows} rows, {MaxCsvBodyBytes / 1024} KiB.")
            .WithRequestBody("text/csv", BcpTypeSchemas.BcpTypeCsv)
            .ProducesProblems(400, "validation", "too-many-rows", "csv-invalid").ProducesProblems(404, "not-found");
        routes.MapGet("/tenant-pairs/{pairId}/bcp-access", GetBcpAccessAsync).WithTags("User access").RequireAuthorization()
            .AddEndpointFilter<VisiblePairFilter>()
            .WithName("getBcpAccess").WithSummary("Count users by BCP type")
            .WithDescription("The primary tenant's users by BCP type; those who may use the BCP tenant are the billable ones. Kept for 5 s per node.")
            .ProducesProblems(404, "not-found");
        return group;
    }

    /// <summary>Sets one user's type: <c>{"bcpType": "none" | "single" | "multiple"}</c>.</summary>
    internal static async Task<Results<Ok<BcpTypeResponse>, ProblemHttpResult>> SetBcpTypeAsync(
        string tenantId, string userId, HttpRequest request, Caller caller, IGrainFactory grains,
        ITenantConfiguration configuration, UserBcpTypes bcpTypes, BcpAccessCounter counter)
    {
        // Only the tenant's own users may change its users (404 for anyone else, operators included).
        var (target, problem) = await ConfigTarget.ResolveAsync(grains, caller, tenantId, EntityTypes.Users);
        if (problem is not null)
        {
            return problem;
        }

        var (body, unreadable) = await EntityBody.ReadAsync(request, target!.Type);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var errors = new FieldErrors();
        var bcpType = Fields.Choice(body!, BcpTypes.Field, BcpTypes.All, errors, required: true);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var current = Ids.IsWellFormed(userId) ? await configuration.GetAsync(target.Tenant, EntityTypes.Users, userId) : null;
        var change = current is null ? null : await bcpTypes.SetAsync(target.Tenant, current, bcpType!, username: null);
        if (change?.User is not { } written)
        {
            return ConfigProblems.EntityNotFound(EntityTypes.Users, userId);
        }

        if (change.Outcome == BcpTypeOutcome.Changed)
        {
            counter.Invalidate(tenantId);
        }

        await AccessAudit.RecordAsync(grains, tenantId, caller.Actor, AccessAudit.SingleAction,
            change.Outcome == BcpTypeOutcome.Changed ? "changed" : "unchanged",
            new Dictionary<string, string> { ["userId"] = userId, ["from"] = change.From, ["to"] = bcpType! });
        return TypedResults.Ok(new BcpTypeResponse(userId, Fields.String(written.Data[EntityValidator.UsernameField]) ?? "", bcpType!));
    }

    /// <summary>
    /// Sets many users' types from a CSV file (<c>username,bcpType</c>), all or nothing: every row is
    /// checked first, and any bad row is a 400 listing every bad row, with nothing applied.
    /// </summary>
    internal static async Task<Results<Ok<BulkBcpTypeResponse>, ProblemHttpResult>> UploadBcpTypesAsync(
        string tenantId, HttpRequest request, Caller caller, IGrainFactory grains,
        ITenantConfiguration configuration, IUsernameIndex usernames, UserBcpTypes bcpTypes, BcpAccessCounter counter)
    {
        var (target, problem) = await ConfigTarget.ResolveAsync(grains, caller, tenantId, EntityTypes.Users);
        if (problem is not null)
        {
            return problem;
        }

        if (!IsCsv(request))
        {
            return AccessProblems.NotCsv();
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxCsvBodyBytes;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (!Utf8.IsValid(bytes.Span))
        {
            return AccessProblems.NotUtf8();
        }

        var file = BcpTypeCsv.Read(bytes);
        if (file.TooManyRows)
        {
            return AccessProblems.TooManyRows();
        }

        var bulk = new BcpTypeBulk(configuration, usernames, bcpTypes);
        var (targets, unknown) = await bulk.FindUsersAsync(target!.Tenant, file.Rows);
        if (file.Invalid.Count > 0 || unknown.Count > 0)
        {
            return AccessProblems.InvalidRows([.. file.Invalid.Concat(unknown).OrderBy(row => row.Line)]);
        }

        var outcome = await bulk.ApplyAsync(target.Tenant, targets);
        if (outcome.Applied > 0)
        {
            counter.Invalidate(tenantId);
        }

        var details = new Dictionary<string, string>
        {
            ["rows"] = Count(targets.Count),
            ["changed"] = Count(outcome.Applied),
            ["unchanged"] = Count(outcome.Unchanged),
            ["skipped"] = Count(outcome.Skipped.Count),
        };
        foreach (var type in BcpTypes.All)
        {
            // How many rows asked for each type, e.g. "single": "120".
            details[type] = Count(targets.Count(row => row.Row.BcpType == type));
        }

        await AccessAudit.RecordAsync(grains, tenantId, caller.Actor, AccessAudit.BulkAction,
            outcome.Skipped.Count == 0 ? "applied" : "partly-applied", details);
        return TypedResults.Ok(new BulkBcpTypeResponse(outcome.Applied, outcome.Unchanged, outcome.Skipped));
    }

    /// <summary>Counts the primary tenant's users by type: the users who can use the BCP tenant are the billable ones.</summary>
    internal static async Task<Results<Ok<BcpAccessCounts>, ProblemHttpResult>> GetBcpAccessAsync(
        HttpContext http, BcpAccessCounter counter)
    {
        var status = VisiblePairFilter.Of(http);
        return TypedResults.Ok(await counter.CountAsync(new TenantLocation(status.Primary.TenantId, status.Primary.Region)));
    }

    /// <summary><c>text/csv</c>, in UTF-8 (or its subset ASCII) when a charset is named.</summary>
    private static bool IsCsv(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)
        && (!type.Charset.HasValue
            || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || type.Charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase));

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);
}

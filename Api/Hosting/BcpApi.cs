using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Orleans.Bcp.Api.Access;
using Orleans.Bcp.Api.AdminConsole;
using Orleans.Bcp.Api.Auth;
using Orleans.Bcp.Api.Failback;
using Orleans.Bcp.Api.Config;
using Orleans.Bcp.Api.Diagnostics;
using Orleans.Bcp.Api.Drills;
using Orleans.Bcp.Api.Health;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Api.Login;
using Orleans.Bcp.Api.OpenApi;
using Orleans.Bcp.Api.Pairs;
using Orleans.Bcp.Api.Profile;
using Orleans.Bcp.Api.Readiness;
using Orleans.Bcp.Api.Routing;
using Orleans.Bcp.Api.SwitchReports;
using Orleans.Bcp.Api.Sync;
using Orleans.Bcp.Api.Tenants;
using Orleans.Bcp.Api.Webhooks;
using Orleans.Bcp.Silo.Hosting;
using Orleans.Dashboard;
using Prometheus;

namespace Orleans.Bcp.Api.Hosting;

/// <summary>Builds the API host: an Orleans silo co-hosted in the process, fronted by a Minimal API.</summary>
public static class BcpApi
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.AddServerHeader = false;
        });

        builder.UseOrleans(silo => silo.AddBcp(builder.Configuration));
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = FrameworkProblems.Customize);
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonFallbackWriter>();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddSingleton<HealthProbe>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(options => ConfigureJson(options.SerializerOptions));
        builder.Services.AddBcpOpenApi();
        builder.Services.AddSingleton<IDocumentSchemas, BcpTypeSchemas>();
        builder.Services.AddSingleton<IDocumentSchemas, EntitySchemas>();
        builder.AddBcpAuth();
        builder.AddBcpRateLimits();
        builder.Services.AddSingleton<HotReads>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Use(NoStoreAnswers.ApplyAsync);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(app.Services.GetRequiredService<HotReads>().InvokeAsync);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseBcpRateLimits();
        app.Use(JsonCharset.RequireUtf8Async);
        if (app.Environment.IsDevelopment())
        {
            app.MapBcpOpenApi();
        }

        // Every write of the API takes from its caller's write limit unless it names another (RateLimits).
        var api = app.MapGroup("").LimitWrites();
        api.MapHealth();
        // Off unless Cluster:Dashboard is set: the dashboard's grain profiling costs throughput.
        if (app.Configuration.GetValue<bool>("Cluster:Dashboard"))
        {
            app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(Permissions.Setup);
        }

        // Prometheus text of every .NET meter: ours (Orleans.Bcp), ASP.NET Core's per-route request duration, the runtime's.
        PrometheusExport.Start();
        app.MapMetrics("/metrics").AllowAnonymous();
        api.MapMe();
        api.MapTenants();
        api.MapPairs();
        api.MapSync();
        api.MapWebhooks();
        api.MapReadiness();
        api.MapDrills();
        api.MapFailback();
        api.MapSwitchReports();
        api.MapLogin();
        api.MapRouting();
        api.MapTenantConfiguration();
        api.MapUserAccess();
        app.MapConsole();
        return app;
    }

    /// <summary>
    /// camelCase, enums as lower-case strings; an unknown enum value or a number for an enum is a 400.
    /// A duplicate property is a 400 too, as in configuration bodies: "last one wins" let a body say
    /// two things at once, and a proxy or log that reads the first one sees another request.
    /// </summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MaxDepth = 32;
        options.AllowDuplicateProperties = false;
        // Numbers are numbers (the web defaults also read "5" as 5, and the API document then typed every number "integer or string").
        options.NumberHandling = JsonNumberHandling.Strict;
    }
}

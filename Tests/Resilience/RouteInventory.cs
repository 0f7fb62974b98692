using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>Every route the running app maps, read from its <see cref="EndpointDataSource"/>: pattern → HTTP methods.</summary>
public static class RouteInventory
{
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Read(IServiceProvider services)
    {
        var routes = new SortedDictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = Normalize(endpoint.RoutePattern.RawText ?? "");
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
            routes[template] = routes.TryGetValue(template, out var known) ? new HashSet<string>([.. known, .. methods]) : new HashSet<string>(methods);
        }

        return routes;
    }

    /// <summary>The patterns whose endpoints need no credentials.</summary>
    public static IReadOnlySet<string> Anonymous(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || !endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any())
            .Select(endpoint => Normalize(endpoint.RoutePattern.RawText ?? ""))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>"METHOD /pattern" for every endpoint ("* /pattern" for one that serves any method).</summary>
    public static IReadOnlyList<string> Keys(IReadOnlyDictionary<string, IReadOnlySet<string>> routes) =>
        [.. routes.SelectMany(route => route.Value.Select(method => $"{method} {route.Key}")).Order(StringComparer.Ordinal)];

    /// <summary>Whether <paramref name="target"/> is a request the app maps (a "*" endpoint serves every method).</summary>
    public static bool Maps(IReadOnlyDictionary<string, IReadOnlySet<string>> routes, RouteTarget target) =>
        routes.TryGetValue(target.Template, out var methods) && (methods.Contains(target.Method) || methods.Contains("*"));

    /// <summary>The mapped routes no target covers.</summary>
    public static IReadOnlyList<string> Uncovered(IReadOnlyDictionary<string, IReadOnlySet<string>> routes, IEnumerable<RouteTarget> targets)
    {
        var covered = targets.Where(target => Maps(routes, target)).Select(target => (target.Method, target.Template)).ToHashSet();
        return [.. routes.SelectMany(route => route.Value.Select(method => (Method: method, Template: route.Key)))
            .Where(route => route.Method == "*" ? !covered.Any(c => c.Template == route.Template) : !covered.Contains(route))
            .Select(route => $"{route.Method} {route.Template}")
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>A group's "/" route is "/tenants/" in the pattern; requests name it "/tenants".</summary>
    private static string Normalize(string rawText) => "/" + rawText.Trim('/');
}

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// One route made concrete: the values of its path parameters and query, and its body, such that the
/// request as it stands would be accepted. The corpus breaks one part of it at a time.
/// </summary>
/// <param name="Method">The HTTP method of the endpoint.</param>
/// <param name="Template">The route pattern as the app maps it, e.g. <c>/tenants/{tenantId}/{type}</c>.</param>
/// <param name="PathValues">A valid value for each parameter of <paramref name="Template"/>.</param>
public sealed record RouteTarget(string Method, string Template, IReadOnlyDictionary<string, string> PathValues)
{
    public string Route => $"{Method} {Template}";

    /// <summary>Valid query parameters, percent-encoded.</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    /// <summary>Per query parameter the route checks, percent-encoded values it must refuse.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> BadQuery { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public JsonBodySpec? Json { get; init; }

    /// <summary>Bodies for a <c>text/csv</c> route, each with at least one invalid row.</summary>
    public IReadOnlyList<BodyCase>? Csv { get; init; }

    public bool Anonymous { get; init; }

    /// <summary>Refuses every request whatever it carries (a 405 route).</summary>
    public bool AlwaysRefused { get; init; }

    public bool HonoursIfMatch { get; init; }

    /// <summary>Serves one tenant's or pair's data only to that tenant's users (or operators).</summary>
    public bool TenantScoped { get; init; }

    /// <summary>The caller the template is valid for (null: any of them).</summary>
    public string? Caller { get; init; }

    public bool Safe => Method == "GET";

    public string Path(string? parameter = null, string? raw = null) =>
        System.Text.RegularExpressions.Regex.Replace(Template, "\\{([^}]+)\\}", match =>
            match.Groups[1].Value == parameter ? raw! : PathValues[match.Groups[1].Value]);

    public string QueryString(string? parameter = null, string? raw = null)
    {
        var pairs = Query.Where(pair => pair.Key != parameter).Select(pair => $"{pair.Key}={pair.Value}").ToList();
        if (parameter is not null)
        {
            pairs.Add($"{parameter}={raw}");
        }

        return pairs.Count == 0 ? "" : "?" + string.Join("&", pairs);
    }
}

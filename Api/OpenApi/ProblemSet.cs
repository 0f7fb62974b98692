using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.RateLimiting;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Api.OpenApi;

/// <summary>The problems one operation can answer: status → the <c>type</c> slugs it can carry, in the order first named.</summary>
internal sealed class ProblemSet
{
    private readonly SortedDictionary<int, List<string>> _types = [];

    public IEnumerable<KeyValuePair<int, List<string>>> ByStatus => _types;

    /// <summary>
    /// What every operation of its kind answers — 401 and 403 from authorization, 503 when a store or
    /// a node is down (ApiExceptionHandler), 409 when a write loses a race, 400/413/415 for a body
    /// that cannot be read, 429 when the caller is over its rate limit (RateLimits) — and what the endpoint's mapping adds (<see cref="ProblemResponseMetadata"/>).
    /// </summary>
    public static ProblemSet For(ApiDescription description, IReadOnlyList<object> metadata, EndpointAccess access)
    {
        var set = new ProblemSet();
        // The endpoint's own first: "validation" reads before the framework's "bad-request".
        foreach (var problem in metadata.OfType<ProblemResponseMetadata>())
        {
            set.Add(problem.StatusCode, [.. problem.Types]);
        }

        var hasBody = metadata.OfType<RequestBodyMetadata>().Any()
            || description.ParameterDescriptions.Any(parameter => parameter.Source == BindingSource.Body);
        if (hasBody)
        {
            set.Add(StatusCodes.Status400BadRequest, "bad-request");
            set.Add(StatusCodes.Status413PayloadTooLarge, "payload-too-large");
            set.Add(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type");
        }

        if (access.Anonymous)
        {
            return set;
        }

        set.Add(StatusCodes.Status401Unauthorized, "unauthorized");
        if (access.Permissions.Count > 0)
        {
            set.Add(StatusCodes.Status403Forbidden, "permission-required");
        }

        if (access.NeedsTenant)
        {
            set.Add(StatusCodes.Status403Forbidden, "forbidden");
        }

        if (description.HttpMethod is not ("GET" or "HEAD"))
        {
            set.Add(StatusCodes.Status409Conflict, "concurrent-update");
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any() || metadata.OfType<LoginServiceLimit>().Any())
        {
            set.Add(StatusCodes.Status429TooManyRequests, RateLimits.ProblemType);
        }

        set.Add(StatusCodes.Status503ServiceUnavailable, "store-unavailable", "cluster-unavailable");
        return set;
    }

    public void Add(int status, params string[] types)
    {
        if (!_types.TryGetValue(status, out var known))
        {
            _types[status] = known = [];
        }

        foreach (var type in types.Where(type => !known.Contains(type)))
        {
            known.Add(type);
        }
    }

    public void Remove(string type)
    {
        foreach (var (status, types) in _types.ToList())
        {
            if (types.Remove(type) && types.Count == 0)
            {
                _types.Remove(status);
            }
        }
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Api.OpenApi;

/// <summary>
/// Writes an operation's <see cref="ProblemSet"/> as its <c>application/problem+json</c> responses,
/// each a shared response component named after its types (<c>NotFound</c>, <c>ValidationOrBadRequest</c>).
/// </summary>
internal static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    public static void Apply(OpenApiOperation operation, ProblemSet problems, OpenApiDocument document)
    {
        operation.Responses ??= [];
        foreach (var (status, types) in problems.ByStatus)
        {
            var response = Response(status, types, document);
            document.Components ??= new OpenApiComponents();
            var shared = document.Components.Responses ??= new Dictionary<string, IOpenApiResponse>();
            var name = string.Join("Or", types.Select(Pascal));
            if (shared.TryGetValue(name, out var known) && known.Description != response.Description)
            {
                // The same types at another status (e.g. tenant-not-found as 404 and as 422).
                name += status.ToString(CultureInfo.InvariantCulture);
            }

            shared.TryAdd(name, response);
            // An answer of the endpoint's own at this status (the health report's 503) is not a problem.
            operation.Responses.TryAdd(status.ToString(CultureInfo.InvariantCulture), new OpenApiResponseReference(name, document));
        }
    }

    private static string Pascal(string slug) => string.Concat(slug.Split('-').Select(word => char.ToUpperInvariant(word[0]) + word[1..]));

    /// <summary>Problems are the shared responses (the only references in operations) or, before they are shared, problem+json.</summary>
    public static bool IsProblem(IOpenApiResponse response) =>
        response is OpenApiResponseReference || response.Content?.ContainsKey(ContentType) == true;

    /// <summary>
    /// The shared Problem, with <c>type</c> narrowed to the slugs this status can carry here — so a
    /// generated client knows them, and a response validator refuses any other.
    /// </summary>
    private static OpenApiResponse Response(int status, IReadOnlyList<string> types, OpenApiDocument document)
    {
        var response = new OpenApiResponse
        {
            Description = $"{ReasonPhrases.GetReasonPhrase(status)}: {string.Join(", ", types.Select(type => $"`{type}`"))}.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ContentType] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        AllOf = [Schemas.Ref(ContractSchemas.Problem, document)],
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["type"] = new OpenApiSchema { Enum = [.. types.Select(type => (JsonNode)JsonValue.Create(Problem.TypePrefix + type))] },
                        },
                    },
                },
            },
        };
        if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before trying again.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                },
            };
        }

        return response;
    }
}

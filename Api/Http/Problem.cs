using Microsoft.AspNetCore.Http.HttpResults;

namespace Orleans.Bcp.Api.Http;

/// <summary>RFC 9457 problems with stable type suffixes (docs/api.md): clients branch on <c>type</c>, never on text.</summary>
public static class Problem
{
    public const string TypePrefix = "/problems/";

    /// <summary>RFC 9457's own members: an extension of the same name would write the member twice.</summary>
    private static readonly string[] Members = ["type", "title", "status", "detail", "instance"];

    public static ProblemHttpResult Of(int status, string type, string title, string? detail = null, IDictionary<string, object?>? extensions = null)
    {
        if (extensions?.Keys.FirstOrDefault(key => Members.Contains(key, StringComparer.OrdinalIgnoreCase)) is { } clash)
        {
            throw new ArgumentException($"The problem extension '{clash}' would repeat a member of the problem itself.", nameof(extensions));
        }

        return TypedResults.Problem(detail, null, status, title, TypePrefix + type, extensions);
    }

    public static ProblemHttpResult NotFound(string what) =>
        Of(StatusCodes.Status404NotFound, "not-found", $"{what} not found");

    public static ProblemHttpResult Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A 400 naming every bad field, like ASP.NET Core's validation problems (<c>errors</c>: field → messages).</summary>
    public static ProblemHttpResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        Of(StatusCodes.Status400BadRequest, "validation", "The request is invalid",
            errors.Count == 1 && errors.First().Value.Length == 1 ? errors.First().Value[0] : "See errors for every invalid field.",
            new Dictionary<string, object?> { ["errors"] = errors });
}

namespace Orleans.Bcp.Api.Http;

/// <summary>A problem an endpoint can answer: its status and the <c>type</c> slugs it can carry (docs/api.md).</summary>
public sealed record ProblemResponseMetadata(int StatusCode, IReadOnlyList<string> Types);

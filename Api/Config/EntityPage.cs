using System.Text.Json.Nodes;

namespace Orleans.Bcp.Api.Config;

/// <summary>One page of a listing; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record EntityPage(IReadOnlyList<JsonObject> Items, string? ContinuationToken);

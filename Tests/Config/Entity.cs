using System.Text.Json.Nodes;

namespace Orleans.Bcp.Tests.Config;

/// <summary>An entity as the API answered it, with the ETag from the response header.</summary>
public sealed record Entity(string Id, string ETag, JsonObject Body)
{
    public string? Text(string field) => Body[field]?.GetValue<string>();
}

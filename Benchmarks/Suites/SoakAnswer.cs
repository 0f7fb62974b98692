using System.Text.Json;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>One request's outcome: the status (0 when a live node gave no answer), the body and ETag, or that its node was killed under it.</summary>
internal sealed record SoakAnswer(int Status, string Body, string? ETag, bool NodeDown)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>Whether the outcome is unknown: the request may or may not have been carried out.</summary>
    public bool IsUncertain => NodeDown || Status is 0 or >= 500;

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }
}

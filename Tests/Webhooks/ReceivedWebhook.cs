using Microsoft.AspNetCore.Http;

namespace Orleans.Bcp.Tests.Webhooks;

/// <summary>One request the receiver took: its headers, body and when it arrived.</summary>
public sealed record ReceivedWebhook(HeaderDictionary Headers, string Body, DateTimeOffset At)
{
    public string Id => Headers["webhook-id"].ToString();

    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement;

    public string Type => Json.GetProperty("type").GetString()!;
}

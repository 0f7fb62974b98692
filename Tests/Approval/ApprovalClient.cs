using System.Net;
using System.Net.Http.Json;
using Orleans.Bcp.Api.Pairs;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Approval;

/// <summary>Typed calls to the approval routes as their clients make them.</summary>
internal static class ApprovalClient
{
    public static Task<HttpResponseMessage> SetAsync(HttpClient client, string pairId, object body) =>
        client.PutAsJsonAsync($"/tenant-pairs/{pairId}/approval", body);

    public static async Task RequireAsync(HttpClient client, string pairId, int windowMinutes = 5)
    {
        var response = await SetAsync(client, pairId, new { required = true, windowMinutes });
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A passkey switch that must answer 202 with a switch request.</summary>
    public static async Task<SwitchRequestDocument> RequestAsync(HttpClient client, TestPair pair, string side)
    {
        var response = await BcpClient.SwitchAsync(client, pair.PairId, side, pair.Passkey);
        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode, await response.Content.ReadAsStringAsync());
        var request = (await response.Content.ReadFromJsonAsync<SwitchRequestDocument>(BcpClient.Json))!;
        Assert.AreEqual($"/tenant-pairs/{pair.PairId}/switch-requests/{request.RequestId}", response.Headers.Location?.OriginalString);
        return request;
    }

    public static Task<HttpResponseMessage> ApproveAsync(HttpClient client, string pairId, string requestId) =>
        client.PostAsync($"/tenant-pairs/{pairId}/switch-requests/{requestId}/approve", null);

    public static Task<HttpResponseMessage> DeclineAsync(HttpClient client, string pairId, string requestId) =>
        client.PostAsync($"/tenant-pairs/{pairId}/switch-requests/{requestId}/decline", null);

    public static async Task<SwitchRequestDocument> GetAsync(HttpClient client, string pairId, string requestId)
    {
        var response = await client.GetAsync($"/tenant-pairs/{pairId}/switch-requests/{requestId}");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SwitchRequestDocument>(BcpClient.Json))!;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Drills;

/// <summary>The drill calls as a client makes them, and the reads a drill must leave as they were.</summary>
public static class DrillClient
{
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string pairId, string? side, string? passkey) =>
        client.PostAsJsonAsync($"/tenant-pairs/{pairId}/drills", new { side, passkey });

    /// <summary>A drill that ran: 201 with its Location.</summary>
    public static async Task<JsonObject> RunAsync(HttpClient client, string pairId, string side, string? passkey)
    {
        var response = await PostAsync(client, pairId, side, passkey);
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, body);
        var drill = JsonNode.Parse(body)!.AsObject();
        Assert.AreEqual($"/tenant-pairs/{pairId}/drills/{drill["drillId"]}", response.Headers.Location?.ToString());
        return drill;
    }

    public static async Task<JsonArray> ListAsync(HttpClient client, string pairId)
    {
        var response = await client.GetAsync($"/tenant-pairs/{pairId}/drills");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    public static JsonObject Step(JsonObject drill, string id) =>
        drill["steps"]!.AsArray().Single(step => step!["id"]!.GetValue<string>() == id)!.AsObject();

    public static int Count(JsonObject drill, string step, string outcome) => Step(drill, step)["counts"]![outcome]!.GetValue<int>();

    /// <summary>What a drill must not move: the pair's epoch and side, and the answers of the login and routing reads, as their bodies.</summary>
    public static async Task<string> ObservableStateAsync(HttpClient reader, HttpClient login, string pairId, IEnumerable<string> usernames, IEnumerable<string> numbers)
    {
        var status = await BcpClient.GetStatusAsync(reader, pairId);
        var answers = new List<string> { $"{status.ActiveSide} {status.Epoch} {status.LastSwitch?.Epoch}" };
        foreach (var username in usernames)
        {
            answers.Add(await (await login.GetAsync($"/login/options?username={Uri.EscapeDataString(username)}")).Content.ReadAsStringAsync());
        }

        foreach (var number in numbers)
        {
            answers.Add(await (await login.GetAsync($"/routing/voice?address={Uri.EscapeDataString(number)}")).Content.ReadAsStringAsync());
        }

        return string.Join("\n", answers);
    }
}

using System.Net;
using System.Net.Http.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Login;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Login;

/// <summary>The login service's and telephony router's calls.</summary>
public static class LoginClient
{
    public static HttpClient For(ApiHost host) => host.ClientFor("platform", "login-service", Permissions.LoginRead);

    public static async Task<LoginOptions> OptionsAsync(HttpClient client, string username)
    {
        var response = await client.GetAsync($"/login/options?username={Uri.EscapeDataString(username)}");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<LoginOptions>(BcpClient.Json))!;
    }

    /// <summary>Polls until <paramref name="done"/> holds, failing after <paramref name="deadline"/>; returns how long it took.</summary>
    public static async Task<TimeSpan> EventuallyAsync(Func<Task<bool>> done, TimeSpan deadline, string what)
    {
        var started = DateTime.UtcNow;
        while (!await done())
        {
            Assert.IsTrue(DateTime.UtcNow - started < deadline, $"{what} did not happen within {deadline.TotalMilliseconds} ms");
            await Task.Delay(10);
        }

        return DateTime.UtcNow - started;
    }
}

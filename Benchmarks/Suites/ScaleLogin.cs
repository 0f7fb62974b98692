using System.Net;
using System.Text.Json;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>One login options request of the scale suite, and what was wrong with its answer, if anything.</summary>
internal static class ScaleLogin
{
    /// <summary>Null when the answer is a 200 with the right options for <paramref name="activeSide"/>; otherwise the kind of problem.</summary>
    public static async Task<string?> AskAsync(HttpClient client, HotPathUser user, string activeSide, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(Path(user), cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"HTTP {(int)response.StatusCode}";
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return LoginAnswerCheck.Problem(user, activeSide, json.RootElement) is { } problem ? $"{user.BcpType}: {problem.Split(',')[0]}" : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException && !cancellationToken.IsCancellationRequested)
        {
            return ex.GetType().Name;
        }
    }

    /// <summary>A request whose answer is only counted: 2xx or not.</summary>
    public static async Task<int> StatusAsync(HttpClient client, HotPathUser user, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(Path(user), cancellationToken);
        return (int)response.StatusCode;
    }

    public static string Path(HotPathUser user) => "/login/options?username=" + Uri.EscapeDataString(user.Username);
}

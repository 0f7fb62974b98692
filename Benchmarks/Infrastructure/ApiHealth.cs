using System.Net;

namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>Waits for a started Api node to join its cluster: <c>/health</c> answers 200 once its silo is in and its stores answer.</summary>
internal static class ApiHealth
{
    /// <summary>True once <c>/health</c> answered 200 within <paramref name="timeout"/>; false when it never did. Throws if the process exits.</summary>
    public static async Task<bool> WaitAsync(ApiServer server, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = ApiCalls.CreateClient(server.BaseAddress, null);
        client.Timeout = TimeSpan.FromSeconds(5);
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < timeout)
        {
            server.EnsureRunning();
            try
            {
                using var response = await client.GetAsync("/health", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not ready yet.
            }

            await Task.Delay(250, cancellationToken);
        }

        return false;
    }
}

using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>A steady load of the login service's and router's reads, spread over every node, for a while.</summary>
public static class HotPathLoad
{
    private const int WorkersPerNode = 4;

    public static async Task<HotPathAnswers> RunAsync(IReadOnlyList<NodeProcess> nodes, TimeSpan duration, Func<HttpClient, HotPathAnswers, Task> round)
    {
        var answers = new HotPathAnswers();
        var until = DateTime.UtcNow + duration;
        await Task.WhenAll(nodes.SelectMany(node => Enumerable.Range(0, WorkersPerNode).Select(async _ =>
        {
            using var client = node.ClientFor("platform", "login-service", Permissions.LoginRead);
            while (DateTime.UtcNow < until)
            {
                await round(client, answers);
            }
        })));
        return answers;
    }
}

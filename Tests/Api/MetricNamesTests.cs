using System.Text.RegularExpressions;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Sync;

namespace Orleans.Bcp.Tests.Api;

/// <summary>The Observability section of docs/operations.md names the product's and ASP.NET Core's metrics exactly as <c>/metrics</c> serves them.</summary>
[TestClass]
public sealed partial class MetricNamesTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task OperationsDoc_ProductAndHttpMetricNames_AreServed()
    {
        var documented = DocumentedNames();
        Assert.IsGreaterThanOrEqualTo(8, documented.Count, string.Join(", ", documented));
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit, Permissions.SyncEdit);
        for (var i = 0; i < 5; i++)
        {
            await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", "WRONG-PASSKEY");
        }

        await SyncClient.RunAsync(admin, pair.PairId);
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };

        var served = (await anonymous.GetStringAsync("/metrics")).Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => SeriesName().Match(line).Value)
            .ToHashSet(StringComparer.Ordinal);

        CollectionAssert.IsSubsetOf(documented, served.ToList(), "documented but not served: " + string.Join(", ", documented.Except(served)));
    }

    /// <summary>Full names in backticks in the Observability section of docs/operations.md; <c>a_bucket|_sum|_count</c> names three.</summary>
    private static List<string> DocumentedNames()
    {
        var document = File.ReadAllText(Path.Combine(AzuriteSettings.Load().RepositoryRoot, "docs", "operations.md"));
        var start = document.IndexOf("\n## Observability\n", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, "docs/operations.md has no \"## Observability\" section");
        var section = document[(start + 1)..];
        var end = section.IndexOf("\n## ", StringComparison.Ordinal);
        section = end < 0 ? section : section[..end];
        var names = new List<string>();
        foreach (Match code in Code().Matches(section))
        {
            var parts = code.Groups[1].Value.Split('{')[0].Split('|');
            if (!parts[0].StartsWith("orleans_bcp_", StringComparison.Ordinal) && !parts[0].StartsWith("microsoft_aspnetcore_", StringComparison.Ordinal))
            {
                continue;
            }

            var stem = parts.Length > 1 ? parts[0][..parts[0].LastIndexOf('_')] : parts[0];
            names.Add(parts[0]);
            names.AddRange(parts.Skip(1).Select(suffix => stem + suffix));
        }

        return [.. names.Distinct()];
    }

    [GeneratedRegex("`([a-z_|]+(?:\\{[a-z_,]+\\})?)`")]
    private static partial Regex Code();

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SeriesName();
}

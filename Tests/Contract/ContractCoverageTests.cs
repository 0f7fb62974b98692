namespace Orleans.Bcp.Tests.Contract;

/// <summary>Every tag of the API document has a contract test that makes each of its operations answer, so a new route cannot go unvalidated.</summary>
[TestClass]
public sealed class ContractCoverageTests
{
    [TestMethod]
    public void EveryTag_HasAContractTest()
    {
        var covered = PlatformContractTests.Tags.Concat(PairContractTests.Tags).Concat(SyncContractTests.Tags)
            .Concat(ConfigContractTests.Tags).Concat(AccessContractTests.Tags).Concat(WebhookContractTests.Tags).Concat(DrillContractTests.Tags)
            .Concat(SwitchReportContractTests.Tags).ToHashSet(StringComparer.Ordinal);
        var tags = new OpenApiResponseValidator(ApiDocument.Committed()).Operations.SelectMany(operation => operation.Tags).Distinct().ToList();
        var uncovered = tags.Where(tag => !covered.Contains(tag)).ToList();
        Assert.AreEqual(0, uncovered.Count, "tags no contract test covers: " + string.Join(", ", uncovered));
    }
}

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>Stops the shared Azurite instance when the test run ends, so no node process outlives it; deletes the run's cluster certificates.</summary>
[TestClass]
public static class AzuriteAssemblyHooks
{
    [AssemblyCleanup]
    public static async Task StopAzuriteAsync()
    {
        await AzuriteInstance.StopSharedAsync();
        ClusterCertificates.DeleteShared();
    }
}

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>Stops the shared Azurite instance when the test run ends, so no node process outlives it.</summary>
[TestClass]
public static class AzuriteAssemblyHooks
{
    [AssemblyCleanup]
    public static Task StopAzuriteAsync() => AzuriteInstance.StopSharedAsync();
}

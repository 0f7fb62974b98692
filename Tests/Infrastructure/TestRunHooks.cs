using Orleans.Bcp.Tests.AdminConsole;

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>Stops what the whole test run shares when it ends (Azurite, the console tests' Chromium), so no process outlives it; deletes the run's cluster certificates.</summary>
[TestClass]
public static class TestRunHooks
{
    [AssemblyCleanup]
    public static async Task StopSharedProcessesAsync()
    {
        await ConsoleBrowser.CloseSharedAsync();
        await AzuriteInstance.StopSharedAsync();
        ClusterCertificates.DeleteShared();
    }
}

using System.Globalization;

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>
/// Cluster settings for a test node: a free loopback silo port (no node has a gateway), fast failure detection, and on Blob
/// (the azure profile) a cluster id named after the test's container and mutual TLS with the run's cluster certificates.
/// </summary>
public static class TestCluster
{
    /// <summary>
    /// Test clusters detect a dead silo in seconds (one vote suffices, unlike the azure profile's defaults in
    /// Silo/Hosting/OutageMembership.cs) and tick reminders every second.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> Fast = new Dictionary<string, string?>
    {
        ["Cluster:Membership:ProbeTimeout"] = "00:00:02",
        ["Cluster:Membership:NumMissedProbesLimit"] = "2",
        ["Cluster:Membership:NumVotesForDeathDeclaration"] = "1",
        ["Cluster:Reminders:MinimumReminderPeriod"] = "00:00:01",
        ["Sync:CheckPeriod"] = "00:00:01",
    };

    /// <summary>Settings for one node; <paramref name="siloPort"/> is the port it listens on for other silos.</summary>
    public static Dictionary<string, string?> NodeSettings(IReadOnlyDictionary<string, string?> storeSettings, out int siloPort)
    {
        siloPort = AzuriteInstance.FreePort();
        var settings = new Dictionary<string, string?>(Fast)
        {
            ["Cluster:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Cluster:AdvertisedAddress"] = "127.0.0.1",
        };
        var container = storeSettings.GetValueOrDefault("Storage:Stores:control:Container") ?? storeSettings.GetValueOrDefault("Storage:Default:Container");
        if (container is not null && storeSettings.GetValueOrDefault("Storage:Default:Provider") != "sqlite")
        {
            settings["Cluster:ClusterId"] = container;
            settings["Cluster:ServiceId"] = container;
        }

        var controlProvider = storeSettings.GetValueOrDefault("Storage:Stores:control:Provider") ?? storeSettings.GetValueOrDefault("Storage:Default:Provider");
        if (string.Equals(controlProvider, "blob", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var (key, value) in ClusterCertificates.Shared.SettingsFor(ClusterCertificates.Shared.Trusted))
            {
                settings[key] = value;
            }
        }

        return settings;
    }
}

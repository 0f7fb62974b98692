using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Silo.Hosting;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Hosting;

/// <summary>
/// The azure profile runs its silos over mutual TLS: without a certificate it refuses to start unless plaintext is asked
/// for by name; a peer is a member only if its certificate chains to the cluster's CA.
/// </summary>
[TestClass]
public sealed class ClusterTlsTests
{
    private static readonly Dictionary<string, string?> NoCertificate = new()
    {
        ["Cluster:Tls:CertificatePath"] = "",
        ["Cluster:Tls:KeyPath"] = "",
        ["Cluster:Tls:CaPath"] = "",
    };

    [TestMethod]
    public async Task Start_AzureProfileWithoutCertificate_RefusesNamingTheKeys()
    {
        var store = StoreSetup.Blob((await AzuriteInstance.GetSharedAsync()).ConnectionString, $"tls-{Guid.NewGuid():N}");

        var error = await Assert.ThrowsExactlyAsync<OptionsValidationException>(() => ApiHost.StartAsync(store, settings: NoCertificate));

        StringAssert.Contains(error.Message, "Cluster:Tls:CertificatePath");
        StringAssert.Contains(error.Message, "Cluster:Tls:CaPath");
        StringAssert.Contains(error.Message, "Cluster:Tls:InsecurePlaintext");
    }

    [TestMethod]
    public async Task Start_CertificateWithoutCa_RefusesNamingTheKey()
    {
        var store = StoreSetup.Blob((await AzuriteInstance.GetSharedAsync()).ConnectionString, $"tls-{Guid.NewGuid():N}");

        var error = await Assert.ThrowsExactlyAsync<OptionsValidationException>(
            () => ApiHost.StartAsync(store, settings: new Dictionary<string, string?> { ["Cluster:Tls:CaPath"] = "" }));

        StringAssert.Contains(error.Message, "Cluster:Tls:CaPath");
    }

    [TestMethod]
    public async Task Start_AzureProfileInsecurePlaintext_StartsAndWarns()
    {
        var store = StoreSetup.Blob((await AzuriteInstance.GetSharedAsync()).ConnectionString, $"tls-{Guid.NewGuid():N}");

        await using var host = await ApiHost.StartAsync(store, settings: new Dictionary<string, string?>(NoCertificate) { ["Cluster:Tls:InsecurePlaintext"] = "true" });

        Assert.IsTrue(host.Logs.Lines.Any(line => line.Contains("Silo connections are plaintext", StringComparison.Ordinal)), "the start warns of plaintext");
    }

    [TestMethod]
    public async Task Start_AzureProfileWithCertificate_LogsItsSubjectNotItsKey()
    {
        var store = StoreSetup.Blob((await AzuriteInstance.GetSharedAsync()).ConnectionString, $"tls-{Guid.NewGuid():N}");

        await using var host = await ApiHost.StartAsync(store);

        var line = host.Logs.Lines.Single(line => line.Contains("mutual TLS", StringComparison.Ordinal));
        StringAssert.Contains(line, "CN=bcp-node");
        var key = await File.ReadAllTextAsync(ClusterCertificates.Shared.Trusted.KeyPath);
        Assert.IsFalse(host.Logs.Lines.Any(logged => logged.Contains(key.Split('\n')[1], StringComparison.Ordinal)), "no key material in the logs");
    }

    [TestMethod]
    public void IsClusterMember_OnlyCertificatesOfTheClustersCa()
    {
        var certificates = ClusterCertificates.Shared;
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(certificates.Trusted.CaPath);
        using var member = X509CertificateLoader.LoadCertificateFromFile(certificates.Trusted.CertificatePath);
        using var rogue = X509CertificateLoader.LoadCertificateFromFile(certificates.Rogue.CertificatePath);

        Assert.IsTrue(ClusterTls.IsClusterMember(member, authorities));
        Assert.AreEqual(member.Subject, rogue.Subject, "the rogue certificate has the same subject");
        Assert.IsFalse(ClusterTls.IsClusterMember(rogue, authorities), "another CA's certificate");
        Assert.IsFalse(ClusterTls.IsClusterMember(null, authorities), "no certificate");
    }
}

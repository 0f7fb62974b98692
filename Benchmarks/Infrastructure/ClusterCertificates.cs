using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>
/// The run's throw-away cluster CA and one node certificate it issued (serverAuth and clientAuth, SAN 127.0.0.1 and
/// localhost), as PEM files in the run's folder, and the settings that make a node present it and trust the CA.
/// </summary>
internal sealed class ClusterCertificates
{
    private ClusterCertificates(IReadOnlyDictionary<string, string> settings) => Settings = settings;

    /// <summary><c>Cluster:Tls</c> as environment variables.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    public static ClusterCertificates Create(TempFolder folder)
    {
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        var notAfter = DateTimeOffset.UtcNow.AddDays(2);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Orleans.Bcp benchmark cluster CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter.AddDays(1));

        using var nodeKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var nodeRequest = new CertificateRequest("CN=bcp-node", nodeKey, HashAlgorithmName.SHA256);
        nodeRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        nodeRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        nodeRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        nodeRequest.CertificateExtensions.Add(names.Build());
        nodeRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var node = nodeRequest.Create(ca, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));

        var settings = new Dictionary<string, string>
        {
            ["Cluster__Tls__CaPath"] = folder.File("cluster-ca.crt"),
            ["Cluster__Tls__CertificatePath"] = folder.File("cluster-node.crt"),
            ["Cluster__Tls__KeyPath"] = folder.File("cluster-node.key"),
        };
        File.WriteAllText(settings["Cluster__Tls__CaPath"], ca.ExportCertificatePem());
        File.WriteAllText(settings["Cluster__Tls__CertificatePath"], node.ExportCertificatePem());
        File.WriteAllText(settings["Cluster__Tls__KeyPath"], nodeKey.ExportPkcs8PrivateKeyPem());
        return new ClusterCertificates(settings);
    }
}

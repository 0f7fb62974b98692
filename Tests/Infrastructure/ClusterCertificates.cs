using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>
/// A throw-away cluster CA and a node certificate it issued (serverAuth and clientAuth, SAN 127.0.0.1 and localhost),
/// as PEM files, made once per test run; and a rogue pair with the same subject names from another CA.
/// </summary>
public sealed class ClusterCertificates
{
    private const string CaSubject = "CN=Orleans.Bcp test cluster CA";
    private const string NodeSubject = "CN=bcp-node";
    private static readonly Lazy<ClusterCertificates> SharedInstance = new(() => new ClusterCertificates(new TempFolder()));
    private readonly TempFolder _folder;

    private ClusterCertificates(TempFolder folder)
    {
        _folder = folder;
        Trusted = Issue(folder, "cluster");
        Rogue = Issue(folder, "rogue");
    }

    /// <summary>The test run's certificates (made on first use).</summary>
    public static ClusterCertificates Shared => SharedInstance.Value;

    /// <summary>The cluster's CA and node certificate.</summary>
    public NodeCertificateFiles Trusted { get; }

    /// <summary>Another CA's, with the same subject names: it must not get in.</summary>
    public NodeCertificateFiles Rogue { get; }

    /// <summary>Configuration for a node presenting <paramref name="files"/> and trusting only the cluster's CA.</summary>
    public Dictionary<string, string?> SettingsFor(NodeCertificateFiles files) => new()
    {
        ["Cluster:Tls:CertificatePath"] = files.CertificatePath,
        ["Cluster:Tls:KeyPath"] = files.KeyPath,
        ["Cluster:Tls:CaPath"] = Trusted.CaPath,
    };

    /// <summary>Deletes the files, if they were made.</summary>
    public static void DeleteShared()
    {
        if (SharedInstance.IsValueCreated)
        {
            SharedInstance.Value._folder.Dispose();
        }
    }

    private static NodeCertificateFiles Issue(TempFolder folder, string name)
    {
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        var notAfter = DateTimeOffset.UtcNow.AddDays(2);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest(CaSubject, caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter.AddDays(1));

        using var nodeKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var nodeRequest = new CertificateRequest(NodeSubject, nodeKey, HashAlgorithmName.SHA256);
        nodeRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        nodeRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        nodeRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        nodeRequest.CertificateExtensions.Add(names.Build());
        nodeRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var node = nodeRequest.Create(ca, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));

        var files = new NodeCertificateFiles(folder.File($"{name}-ca.crt"), folder.File($"{name}-node.crt"), folder.File($"{name}-node.key"));
        File.WriteAllText(files.CaPath, ca.ExportCertificatePem());
        File.WriteAllText(files.CertificatePath, node.ExportCertificatePem());
        File.WriteAllText(files.KeyPath, nodeKey.ExportPkcs8PrivateKeyPem());
        return files;
    }
}

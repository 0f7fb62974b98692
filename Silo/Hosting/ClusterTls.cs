using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Connections.Security;

namespace Orleans.Bcp.Silo.Hosting;

/// <summary>
/// Mutual TLS on every silo connection (inbound and outbound): this silo presents its node certificate and
/// accepts a peer only if the peer's certificate chains to one of the cluster's CAs.
/// </summary>
public static class ClusterTls
{
    private const string Section = "Cluster:Tls";
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    /// <param name="silo">The silo to secure.</param>
    /// <param name="options">Section <c>Cluster:Tls</c>.</param>
    /// <param name="required">
    /// Whether the profile refuses to start without a certificate (azure), or runs in plaintext on loopback (embedded).
    /// </param>
    public static void Apply(ISiloBuilder silo, ClusterTlsOptions options, bool required)
    {
        if (!options.HasCertificate)
        {
            if (required && !options.InsecurePlaintext)
            {
                throw Invalid(
                    $"The azure profile runs its silos over mutual TLS: set {Section}:CertificatePath (with {Section}:KeyPath for PEM) " +
                    $"or {Section}:Thumbprint, and {Section}:CaPath. Plaintext only with {Section}:InsecurePlaintext=true.");
            }

            silo.Services.AddSingleton(new ClusterTransport(null, LoopbackOnly: !required));
            return;
        }

        if (string.IsNullOrEmpty(options.CaPath))
        {
            throw Invalid($"{Section}:CaPath must name the cluster's CA certificate(s) (PEM): peers are accepted only if they chain to it.");
        }

        var certificate = LoadCertificate(options);
        var authorities = LoadAuthorities(options.CaPath);
        silo.Services.AddSingleton(new ClusterTransport(certificate, LoopbackOnly: !required));
        silo.UseTls(certificate, tls =>
        {
            // Inbound connections must present a certificate too (Orleans' default only allows one).
            tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            // Orleans hands the decision to this callback alone, ignoring the platform's verdict: build the chain here.
            tls.RemoteCertificateValidation = (peer, _, _) => IsClusterMember(peer, authorities);
        });
    }

    /// <summary>Whether <paramref name="peer"/> chains to one of <paramref name="authorities"/> and may act as both ends of a silo connection.</summary>
    public static bool IsClusterMember(X509Certificate2? peer, X509Certificate2Collection authorities)
    {
        if (peer is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        // A private cluster CA publishes no revocation list: a node is removed by rotating the CA (docs/cluster-tls.md).
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Every silo both accepts and opens connections.
        chain.ChainPolicy.ApplicationPolicy.Add(ServerAuth);
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuth);
        return chain.Build(peer);
    }

    private static X509Certificate2 LoadCertificate(ClusterTlsOptions options)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = !string.IsNullOrEmpty(options.Thumbprint) ? FromStore(options)
                : IsPkcs12(options.CertificatePath!) ? X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.Password)
                : FromPem(options);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            // The message names the file, never the password.
            throw Invalid($"{Section}: the node certificate could not be loaded ({ex.GetType().Name}: {ex.Message}).");
        }

        if (!certificate.HasPrivateKey)
        {
            throw Invalid($"{Section}: the node certificate has no private key (set {Section}:KeyPath for a PEM certificate).");
        }

        return certificate;
    }

    private static X509Certificate2 FromPem(ClusterTlsOptions options)
    {
        if (string.IsNullOrEmpty(options.KeyPath))
        {
            throw Invalid($"{Section}:KeyPath must name the node certificate's private key (PEM).");
        }

        var pem = string.IsNullOrEmpty(options.Password)
            ? X509Certificate2.CreateFromPemFile(options.CertificatePath!, options.KeyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(options.CertificatePath!, options.Password, options.KeyPath);
        // An ephemeral PEM key cannot be used by SslStream on every platform: reload it as PKCS#12.
        using (pem)
        {
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
    }

    private static X509Certificate2 FromStore(ClusterTlsOptions options)
    {
        if (!Enum.TryParse<StoreLocation>(options.StoreLocation, ignoreCase: true, out var location))
        {
            throw Invalid($"{Section}:StoreLocation is '{options.StoreLocation}'; expected CurrentUser or LocalMachine.");
        }

        using var store = new X509Store(StoreName.My, location);
        store.Open(OpenFlags.ReadOnly);
        var found = store.Certificates.Find(X509FindType.FindByThumbprint, options.Thumbprint!, validOnly: false);
        return found.Count > 0 ? found[0] : throw Invalid($"{Section}:Thumbprint: no certificate {options.Thumbprint} in {location}/My.");
    }

    private static X509Certificate2Collection LoadAuthorities(string caPath)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(caPath);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw Invalid($"{Section}:CaPath: the CA certificate(s) could not be loaded ({ex.GetType().Name}: {ex.Message}).");
        }

        return authorities.Count > 0 ? authorities : throw Invalid($"{Section}:CaPath holds no PEM certificate.");
    }

    private static bool IsPkcs12(string path) =>
        path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);

    private static OptionsValidationException Invalid(string message) => new(Section, typeof(ClusterTlsOptions), [message]);
}

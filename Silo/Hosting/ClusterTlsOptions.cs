namespace Orleans.Bcp.Silo.Hosting;

/// <summary>
/// Section <c>Cluster:Tls</c>: mutual TLS between the silos. Each silo presents its node certificate
/// and accepts a peer only if the peer's certificate chains to one of the cluster's CAs
/// (<see cref="CaPath"/>). Required in the azure profile; optional in the embedded one (loopback only).
/// </summary>
public sealed class ClusterTlsOptions
{
    /// <summary>The node certificate: a PEM file (with <see cref="KeyPath"/>) or a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The node certificate's private key (PEM), when <see cref="CertificatePath"/> is a PEM file.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The password of a PKCS#12 file or of an encrypted PEM key. Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>Instead of files: the thumbprint of the node certificate in the certificate store (<c>My</c>).</summary>
    public string? Thumbprint { get; set; }

    /// <summary>The store <see cref="Thumbprint"/> is looked up in: <c>CurrentUser</c> (default) or <c>LocalMachine</c>.</summary>
    public string StoreLocation { get; set; } = "CurrentUser";

    /// <summary>
    /// PEM file with the cluster's CA certificate(s). A peer is accepted if its certificate chains to any of them,
    /// so a rotation lists the old and the new CA for a while.
    /// </summary>
    public string? CaPath { get; set; }

    /// <summary>
    /// Azure profile: run the cluster's silo-to-silo traffic in plaintext, with no certificate. Anyone who reaches
    /// a silo port can then call every grain; only for networks that are already private and encrypted.
    /// </summary>
    public bool InsecurePlaintext { get; set; }

    /// <summary>Whether a node certificate is configured (files or store).</summary>
    public bool HasCertificate => !string.IsNullOrEmpty(CertificatePath) || !string.IsNullOrEmpty(Thumbprint);
}

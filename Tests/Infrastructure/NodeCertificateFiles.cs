namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>PEM files: a CA's certificate, and a node certificate it issued with the node's private key.</summary>
/// <param name="CaPath">The issuing CA's certificate.</param>
/// <param name="CertificatePath">The node certificate.</param>
/// <param name="KeyPath">The node certificate's private key.</param>
public sealed record NodeCertificateFiles(string CaPath, string CertificatePath, string KeyPath);

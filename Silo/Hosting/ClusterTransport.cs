using System.Security.Cryptography.X509Certificates;

namespace Orleans.Bcp.Silo.Hosting;

/// <summary>How this silo talks to the others, as configured at start (for its start-up log line).</summary>
/// <param name="Certificate">The node certificate this silo presents (mutual TLS); null for plaintext.</param>
/// <param name="LoopbackOnly">Whether the silo port listens on loopback only (embedded profile).</param>
public sealed record ClusterTransport(X509Certificate2? Certificate, bool LoopbackOnly);

using System.Security.Cryptography.X509Certificates;

namespace Orleans.Bcp.Silo.Hosting;

/// <summary>How this silo talks to the others, as configured at start (for its start-up log line).</summary>
/// <param name="Encrypted">Whether silo connections use mutual TLS.</param>
/// <param name="Certificate">The node certificate this silo presents, if encrypted.</param>
public sealed record ClusterTransport(bool Encrypted, X509Certificate2? Certificate);

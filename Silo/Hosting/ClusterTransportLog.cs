using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Orleans.Bcp.Silo.Hosting;

/// <summary>Says at start how this silo's connections are protected, and warns when they are not.</summary>
internal sealed partial class ClusterTransportLog(ClusterTransport transport, ILogger<ClusterTransportLog> logger) : IStartupTask
{
    public Task Execute(CancellationToken cancellationToken)
    {
        if (transport.Certificate is { } certificate)
        {
            Encrypted(logger, certificate.Subject, certificate.Thumbprint, certificate.NotAfter.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        }
        else if (transport.LoopbackOnly)
        {
            PlaintextOnLoopback(logger);
        }
        else
        {
            Plaintext(logger);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo connections use mutual TLS with node certificate {Subject} ({Thumbprint}, valid until {NotAfter})")]
    private static partial void Encrypted(ILogger logger, string subject, string thumbprint, string notAfter);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo connections are plaintext, on loopback only")]
    private static partial void PlaintextOnLoopback(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo connections are plaintext: anyone who reaches a silo port can call every grain")]
    private static partial void Plaintext(ILogger logger);
}

using Azure.Core;

namespace Orleans.Bcp.Silo.Storage.Blob;

/// <summary>
/// Pipeline settings for the Blob store: few, short retries and a short network timeout, so an
/// unreachable store becomes a <see cref="StoreUnavailableException"/> within seconds instead of
/// holding a grain turn (and a BCP switch) hostage.
/// </summary>
internal sealed class BlobClientOptions : ClientOptions
{
    public BlobClientOptions()
    {
        Retry.MaxRetries = 2;
        Retry.Delay = TimeSpan.FromMilliseconds(200);
        Retry.MaxDelay = TimeSpan.FromSeconds(1);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
    }
}

using Azure.Core;

namespace Orleans.Bcp.Silo.Storage.Blob;

/// <summary>
/// Where the Blob store lives: either <see cref="ConnectionString"/> (SharedKey; Azurite in development)
/// or <see cref="ServiceUri"/> with <see cref="Credential"/> (Entra ID in production).
/// </summary>
/// <remarks>A class rather than a record so that the generated ToString cannot print the account key into logs.</remarks>
public sealed class BlobStoreOptions
{
    /// <summary>A storage connection string with AccountName, AccountKey and BlobEndpoint (or EndpointSuffix).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob service endpoint, e.g. https://account.blob.core.windows.net; used with <see cref="Credential"/>.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>The identity used with <see cref="ServiceUri"/>; it needs the Storage Blob Data Contributor role.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>The container holding every object of this store (3–63 lowercase letters, digits and hyphens).</summary>
    public string ContainerName { get; set; } = "bcp";

    /// <summary>At most this many connections to the store's endpoint from this process (<see cref="StorageClientSettings"/>).</summary>
    public int MaxConnections { get; set; } = StorageClientSettings.DefaultMaxConnections;

    /// <summary>How long one try of a request may take (<see cref="StorageClientSettings"/>).</summary>
    public TimeSpan NetworkTimeout { get; set; } = StorageClientSettings.DefaultNetworkTimeout;
}

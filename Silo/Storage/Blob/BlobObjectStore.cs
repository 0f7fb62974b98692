using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Orleans.Bcp.Silo.Storage.Blob;

/// <summary>
/// The production store: one Azure Blob Storage container (Azurite in development), spoken to with
/// the Azure.Storage.Blobs SDK.
/// </summary>
/// <remarks>
/// Objects are block blobs named by their key; writes are conditional on If-None-Match/If-Match.
/// The container is created on the first write that finds it missing (also after Azurite restarts empty), and by
/// the first read or listing of this process that finds it missing (a new deployment). Once this process has seen
/// the container, a read or listing that finds it missing fails (<see cref="StoreUnavailableException"/>): a store
/// that cannot show its data is an error, never an empty store that a sync would take as "everything deleted".
/// </remarks>
public sealed class BlobObjectStore : IObjectStore
{
    private const int MaxPageSize = 5000;

    private readonly BlobContainerClient _container;

    /// <summary>Whether this process has seen the container exist.</summary>
    private volatile bool _containerSeen;

    public BlobObjectStore(BlobStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ContainerName);

        // Keys are used as blob names exactly; the default would turn "a/" into "a".
        var clientOptions = StorageClientSettings.Apply(new BlobClientOptions { TrimBlobNameSlashes = false }, options.MaxConnections, options.NetworkTimeout);

        var service = options switch
        {
            { ConnectionString: { Length: > 0 } connectionString } => new BlobServiceClient(connectionString, clientOptions),
            { ServiceUri: { } uri, Credential: { } credential } => new BlobServiceClient(uri, credential, clientOptions),
            _ => throw new ArgumentException("Set ConnectionString, or ServiceUri and Credential.", nameof(options)),
        };
        _container = service.GetBlobContainerClient(options.ContainerName);
    }

    public string Name => "blob";

    public Task<StoredObject?> ReadAsync(string key, CancellationToken cancellationToken = default) =>
        GuardAsync($"read '{key}'", async () =>
        {
            try
            {
                var result = (await _container.GetBlobClient(key).DownloadContentAsync(cancellationToken)).Value;
                _containerSeen = true;
                return new StoredObject(key, result.Content.ToMemory(), HeaderETag(result.Details.ETag));
            }
            catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound)
            {
                await ContainerMissingAsync($"read '{key}'", cancellationToken);
                return null;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                _containerSeen = true;
                return null;
            }
        }, cancellationToken);

    public Task<string> CreateAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        GuardAsync($"create '{key}'", async () =>
        {
            try
            {
                return await UploadCreatingContainerAsync(key, data, new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                throw new StoreConflictException(key, $"Create of '{key}' failed: it already exists.");
            }
        }, cancellationToken);

    public Task<string> ReplaceAsync(string key, ReadOnlyMemory<byte> data, string etag, CancellationToken cancellationToken = default) =>
        GuardAsync($"replace '{key}'", async () =>
        {
            try
            {
                return await UploadAsync(key, data, new BlobRequestConditions { IfMatch = new ETag(etag) }, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                throw new StoreConflictException(key, $"Replace of '{key}' failed: ETag mismatch or missing ({Describe(ex)}).");
            }
        }, cancellationToken);

    public Task DeleteAsync(string key, string etag, CancellationToken cancellationToken = default) =>
        GuardAsync($"delete '{key}'", async () =>
        {
            try
            {
                await _container.GetBlobClient(key).DeleteAsync(
                    DeleteSnapshotsOption.None, new BlobRequestConditions { IfMatch = new ETag(etag) }, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                throw new StoreConflictException(key, $"Delete of '{key}' failed: ETag mismatch or missing ({Describe(ex)}).");
            }
        }, cancellationToken);

    public Task<ObjectPage> ListAsync(string prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return GuardAsync($"list '{prefix}'", async () =>
        {
            try
            {
                // The service caps a page at 5000 names; a shorter page with a continuation token is still a valid page.
                var pages = _container
                    .GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: prefix.Length > 0 ? prefix : null, cancellationToken: cancellationToken)
                    .AsPages(continuationToken, Math.Min(pageSize, MaxPageSize));
                await foreach (var page in pages)
                {
                    _containerSeen = true;
                    var objects = page.Values.Select(blob => new ListedObject(blob.Name, HeaderETag(blob.Properties.ETag!.Value))).ToList();
                    return new ObjectPage(objects, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
                }

                return new ObjectPage([], null);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                await ContainerMissingAsync($"list '{prefix}'", cancellationToken);
                return new ObjectPage([], null);
            }
        }, cancellationToken);
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await GuardAsync("ping", async () =>
            {
                try
                {
                    await _container.GetPropertiesAsync(cancellationToken: cancellationToken);
                    return true;
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    // A missing container still proves the service answers and accepts our credentials.
                    return true;
                }
            }, cancellationToken);
        }
        catch (StoreUnavailableException)
        {
            return false;
        }
    }

    /// <summary>Deletes the whole container (test cleanup).</summary>
    internal Task DeleteContainerAsync(CancellationToken cancellationToken = default) =>
        GuardAsync("delete container", () => _container.DeleteIfExistsAsync(cancellationToken: cancellationToken), cancellationToken);

    private async Task<string> UploadCreatingContainerAsync(
        string key, ReadOnlyMemory<byte> data, BlobRequestConditions conditions, CancellationToken cancellationToken)
    {
        try
        {
            return await UploadAsync(key, data, conditions, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            return await UploadAsync(key, data, conditions, cancellationToken);
        }
    }

    private async Task<string> UploadAsync(string key, ReadOnlyMemory<byte> data, BlobRequestConditions conditions, CancellationToken cancellationToken)
    {
        var uploaded = await _container.GetBlobClient(key).UploadAsync(
            BinaryData.FromBytes(data), new BlobUploadOptions { Conditions = conditions }, cancellationToken);
        _containerSeen = true;
        return HeaderETag(uploaded.Value.ETag);
    }

    /// <summary>
    /// A read or listing found no container: the first time in this process it is a new store and is created; after
    /// the container was seen it was deleted or the store was repointed, which must not read as empty.
    /// </summary>
    private async Task ContainerMissingAsync(string operation, CancellationToken cancellationToken)
    {
        if (_containerSeen)
        {
            throw new StoreUnavailableException(
                $"Blob container '{_container.Name}' does not exist ({operation}): it was deleted or replaced since this node first used it.");
        }

        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        _containerSeen = true;
    }

    private Task GuardAsync(string operation, Func<Task> action, CancellationToken cancellationToken) =>
        GuardAsync(operation, async () =>
        {
            await action();
            return true;
        }, cancellationToken);

    /// <summary>Runs one store operation, turning an unreachable or failing store into <see cref="StoreUnavailableException"/>.</summary>
    private async Task<T> GuardAsync<T>(string operation, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action();
        }
        catch (RequestFailedException ex) when (ex.Status != 0 && !cancellationToken.IsCancellationRequested)
        {
            throw new StoreUnavailableException($"Blob store {_container.Uri} failed to {operation}: {Describe(ex)}.", ex);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsTransportFailure(ex))
        {
            throw new StoreUnavailableException($"Blob store {_container.Uri} is unreachable ({operation}): {ex.Message}", ex);
        }
    }

    // Connection refused/reset (RequestFailedException with status 0, wrapped in an AggregateException once retries are exhausted)
    // and network timeouts (a cancellation that is not the caller's).
    private static bool IsTransportFailure(Exception ex) =>
        ex is RequestFailedException or HttpRequestException or IOException or OperationCanceledException or TimeoutException
        || (ex is AggregateException aggregate && aggregate.InnerExceptions.All(IsTransportFailure));

    // Listings give the ETag bare, headers give it quoted; callers compare the two. "H" is the quoted header form.
    private static string HeaderETag(ETag etag) => etag.ToString("H");

    private static string Describe(RequestFailedException ex) => ex.ErrorCode is { } code ? $"{ex.Status} {code}" : $"{ex.Status}";
}

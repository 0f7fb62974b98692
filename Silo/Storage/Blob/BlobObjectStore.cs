using System.Globalization;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Orleans.Bcp.Silo.Storage.Blob;

/// <summary>
/// The production store: one Azure Blob Storage container (Azurite in development), spoken to over
/// the Blob REST API on Azure.Core's <see cref="HttpPipeline"/> because the v12 SDK does not restore here.
/// </summary>
/// <remarks>
/// Objects are block blobs named by their key; writes are conditional on If-None-Match/If-Match.
/// Leases are blob leases on empty blobs under <c>leases/</c>, so that prefix is reserved.
/// The container is created on the first write that finds it missing (also after Azurite restarts empty).
/// </remarks>
public sealed class BlobObjectStore : IObjectStore
{
    // Supported by Azure and by Azurite 3.x without --skipApiVersionCheck.
    private const string ApiVersion = "2021-12-02";
    private const string StorageScope = "https://storage.azure.com/.default";
    private const string LeasePrefix = "leases/";
    private const int MaxPageSize = 5000;

    private readonly HttpPipeline _pipeline;
    private readonly string _containerUri;

    public BlobObjectStore(BlobStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ContainerName);

        (Uri serviceUri, HttpPipelinePolicy authentication) = options switch
        {
            { ConnectionString: { Length: > 0 } connectionString } => FromConnectionString(connectionString),
            { ServiceUri: { } uri, Credential: { } credential } => (uri, new BearerTokenAuthenticationPolicy(credential, StorageScope)),
            _ => throw new ArgumentException("Set ConnectionString, or ServiceUri and Credential.", nameof(options)),
        };
        _containerUri = $"{serviceUri.AbsoluteUri.TrimEnd('/')}/{options.ContainerName}";
        _pipeline = HttpPipelineBuilder.Build(new BlobClientOptions(), authentication);
    }

    public string Name => "blob";

    public async Task<StoredObject?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, BlobUri(key));
        var response = await SendAsync(message, cancellationToken);
        return response.Status switch
        {
            200 => new StoredObject(key, response.Content.ToArray(), ETagOf(response)),
            404 => null,
            _ => throw Unexpected(response, $"read '{key}'"),
        };
    }

    public async Task<string> CreateAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        using var message = CreatePutBlobMessage(key, data, "If-None-Match", "*");
        var response = await SendCreatingContainerAsync(message, cancellationToken);
        return response.Status switch
        {
            201 => ETagOf(response),
            409 or 412 => throw new StoreConflictException(key, $"Create of '{key}' failed: it already exists."),
            _ => throw Unexpected(response, $"create '{key}'"),
        };
    }

    public async Task<string> ReplaceAsync(string key, ReadOnlyMemory<byte> data, string etag, CancellationToken cancellationToken = default)
    {
        using var message = CreatePutBlobMessage(key, data, "If-Match", etag);
        var response = await SendAsync(message, cancellationToken);
        return response.Status switch
        {
            201 => ETagOf(response),
            404 or 409 or 412 => throw new StoreConflictException(key, $"Replace of '{key}' failed: ETag mismatch or missing ({Describe(response)})."),
            _ => throw Unexpected(response, $"replace '{key}'"),
        };
    }

    public async Task DeleteAsync(string key, string etag, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, BlobUri(key));
        message.Request.Headers.SetValue("If-Match", etag);
        var response = await SendAsync(message, cancellationToken);
        switch (response.Status)
        {
            case 202:
                return;
            case 404 or 409 or 412:
                throw new StoreConflictException(key, $"Delete of '{key}' failed: ETag mismatch or missing ({Describe(response)}).");
            default:
                throw Unexpected(response, $"delete '{key}'");
        }
    }

    public async Task<ObjectPage> ListAsync(string prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        using var message = CreateMessage(RequestMethod.Get, _containerUri);
        var uri = message.Request.Uri;
        uri.AppendQuery("restype", "container");
        uri.AppendQuery("comp", "list");
        if (prefix.Length > 0)
        {
            uri.AppendQuery("prefix", prefix);
        }

        if (continuationToken is not null)
        {
            uri.AppendQuery("marker", continuationToken);
        }

        // The service caps a page at 5000 names; a shorter page with a continuation token is still a valid page.
        uri.AppendQuery("maxresults", Math.Min(pageSize, MaxPageSize).ToString(CultureInfo.InvariantCulture));
        var response = await SendAsync(message, cancellationToken);
        switch (response.Status)
        {
            case 200:
                var results = XDocument.Load(response.Content.ToStream()).Root!;
                var objects = results.Element("Blobs")?.Elements("Blob")
                    .Select(blob => new ListedObject((string)blob.Element("Name")!, QuotedETag((string)blob.Element("Properties")!.Element("Etag")!)))
                    .ToList() ?? [];
                var nextMarker = (string?)results.Element("NextMarker");
                return new ObjectPage(objects, string.IsNullOrEmpty(nextMarker) ? null : nextMarker);
            case 404:
                return new ObjectPage([], null);
            default:
                throw Unexpected(response, $"list '{prefix}'");
        }
    }

    public async Task<LeaseHandle?> TryAcquireLeaseAsync(string name, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        // Blob leases are whole seconds between 15 and 60.
        var seconds = Math.Clamp((int)Math.Ceiling(duration.TotalSeconds), 15, 60);
        var leaseId = Guid.NewGuid().ToString();
        using var message = CreateLeaseMessage(name, "acquire");
        message.Request.Headers.SetValue("x-ms-lease-duration", seconds.ToString(CultureInfo.InvariantCulture));
        message.Request.Headers.SetValue("x-ms-proposed-lease-id", leaseId);
        var response = await SendAsync(message, cancellationToken);
        if (response.Status == 404)
        {
            await CreateLeaseBlobAsync(name, cancellationToken);
            response = await SendAsync(message, cancellationToken);
        }

        return response.Status switch
        {
            201 => new LeaseHandle(name, leaseId, TimeSpan.FromSeconds(seconds)),
            409 => null, // LeaseAlreadyPresent: another holder has it.
            _ => throw Unexpected(response, $"acquire lease '{name}'"),
        };
    }

    public async Task RenewLeaseAsync(LeaseHandle lease, CancellationToken cancellationToken = default)
    {
        using var message = CreateLeaseMessage(lease.Name, "renew");
        message.Request.Headers.SetValue("x-ms-lease-id", lease.LeaseId);
        Response response;
        try
        {
            response = await SendAsync(message, cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            // We cannot know whether the lease still holds, so it must be treated as lost.
            throw new LeaseLostException(lease.Name, $"Renewal of lease '{lease.Name}' failed: {ex.Message}");
        }

        if (response.Status != 200)
        {
            throw new LeaseLostException(lease.Name, $"Lease '{lease.Name}' is no longer held ({Describe(response)}).");
        }
    }

    public async Task ReleaseLeaseAsync(LeaseHandle lease, CancellationToken cancellationToken = default)
    {
        using var message = CreateLeaseMessage(lease.Name, "release");
        message.Request.Headers.SetValue("x-ms-lease-id", lease.LeaseId);
        var response = await SendAsync(message, cancellationToken);
        // 404/409: the lease was already lost or released, which is not an error.
        if (response.Status is not (200 or 404 or 409))
        {
            throw Unexpected(response, $"release lease '{lease.Name}'");
        }
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateContainerMessage(RequestMethod.Get);
        try
        {
            // A missing container still proves the service answers and accepts our credentials.
            var response = await SendAsync(message, cancellationToken);
            return response.Status is 200 or 404;
        }
        catch (StoreUnavailableException)
        {
            return false;
        }
    }

    /// <summary>Deletes the whole container (test cleanup).</summary>
    internal async Task DeleteContainerAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateContainerMessage(RequestMethod.Delete);
        var response = await SendAsync(message, cancellationToken);
        if (response.Status is not (202 or 404))
        {
            throw Unexpected(response, "delete container");
        }
    }

    private static (Uri, HttpPipelinePolicy) FromConnectionString(string connectionString)
    {
        var parsed = BlobConnectionString.Parse(connectionString);
        return (parsed.BlobEndpoint, new SharedKeyPolicy(parsed.AccountName, parsed.AccountKey));
    }

    private async Task CreateLeaseBlobAsync(string name, CancellationToken cancellationToken)
    {
        using var message = CreatePutBlobMessage(LeasePrefix + name, ReadOnlyMemory<byte>.Empty, "If-None-Match", "*");
        var response = await SendCreatingContainerAsync(message, cancellationToken);
        // 409/412: another holder created it first, which is just as good.
        if (response.Status is not (201 or 409 or 412))
        {
            throw Unexpected(response, $"create lease blob '{name}'");
        }
    }

    private async Task<Response> SendCreatingContainerAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        var response = await SendAsync(message, cancellationToken);
        if (response.Status != 404 || ErrorCode(response) != "ContainerNotFound")
        {
            return response;
        }

        using (var create = CreateContainerMessage(RequestMethod.Put))
        {
            create.Request.Content = RequestContent.Create(ReadOnlyMemory<byte>.Empty);
            var created = await SendAsync(create, cancellationToken);
            if (created.Status is not (201 or 409))
            {
                throw Unexpected(created, "create container");
            }
        }

        response.Dispose();
        return await SendAsync(message, cancellationToken);
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.SendAsync(message, cancellationToken);
            return message.Response;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsTransportFailure(ex))
        {
            throw new StoreUnavailableException($"Blob store {_containerUri} is unreachable: {ex.Message}", ex);
        }
    }

    // Connection refused/reset (RequestFailedException with status 0, wrapped in an AggregateException
    // once retries are exhausted) and network timeouts (a cancellation that is not the caller's).
    private static bool IsTransportFailure(Exception ex) =>
        ex is RequestFailedException or HttpRequestException or IOException or OperationCanceledException
        || (ex is AggregateException aggregate && aggregate.InnerExceptions.All(IsTransportFailure));

    private HttpMessage CreatePutBlobMessage(string key, ReadOnlyMemory<byte> data, string conditionHeader, string condition)
    {
        var message = CreateMessage(RequestMethod.Put, BlobUri(key));
        var request = message.Request;
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        request.Headers.SetValue("Content-Type", "application/octet-stream");
        request.Headers.SetValue(conditionHeader, condition);
        request.Content = RequestContent.Create(data);
        return message;
    }

    private HttpMessage CreateLeaseMessage(string name, string action)
    {
        var message = CreateMessage(RequestMethod.Put, BlobUri(LeasePrefix + name));
        message.Request.Uri.AppendQuery("comp", "lease");
        message.Request.Headers.SetValue("x-ms-lease-action", action);
        message.Request.Content = RequestContent.Create(ReadOnlyMemory<byte>.Empty);
        return message;
    }

    private HttpMessage CreateContainerMessage(RequestMethod method)
    {
        var message = CreateMessage(method, _containerUri);
        message.Request.Uri.AppendQuery("restype", "container");
        return message;
    }

    private HttpMessage CreateMessage(RequestMethod method, string uri)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri(uri));
        message.Request.Headers.SetValue("x-ms-version", ApiVersion);
        return message;
    }

    // Keys contain '/', which must stay a path separator; every segment is escaped on its own.
    private string BlobUri(string key) =>
        $"{_containerUri}/{string.Join('/', key.Split('/').Select(Uri.EscapeDataString))}";

    private string ETagOf(Response response) =>
        response.Headers.TryGetValue("ETag", out var etag) ? etag : throw Unexpected(response, "read the ETag of a response");

    // Listings give the ETag bare, headers give it quoted; callers compare the two.
    private static string QuotedETag(string etag) => etag.StartsWith('"') ? etag : $"\"{etag}\"";

    private static string? ErrorCode(Response response) =>
        response.Headers.TryGetValue("x-ms-error-code", out var code) ? code : null;

    private static string Describe(Response response) => $"{response.Status} {ErrorCode(response) ?? response.ReasonPhrase}";

    private StoreUnavailableException Unexpected(Response response, string operation) =>
        new($"Blob store {_containerUri} failed to {operation}: {Describe(response)}.");
}

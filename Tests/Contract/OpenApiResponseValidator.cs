using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Orleans.Bcp.Tests.Contract;

/// <summary>
/// Checks real responses against the API document: the request's operation (method and path
/// template) is documented, the status is documented for it, the content type is one it lists (or
/// there is no body where none is documented), and the body validates against that schema — OpenAPI
/// 3.1 schemas are JSON Schema 2020-12, so each is evaluated by a <c>$ref</c> into the document,
/// registered as a base document. Remembers the operations it saw answered.
/// </summary>
public sealed class OpenApiResponseValidator
{
    private static readonly Uri DocumentUri = new("https://contract.test/openapi.json");

    private readonly JsonObject _document;
    private readonly BuildOptions _build;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly Lock _registryLock = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, int>> _answered = new(StringComparer.Ordinal);

    public OpenApiResponseValidator(JsonNode document)
    {
        _document = document.AsObject();
        var registry = new SchemaRegistry();
        registry.Register(DocumentUri, new JsonElementBaseDocument(JsonSerializer.SerializeToElement(document), DocumentUri));
        _build = new BuildOptions { SchemaRegistry = registry };
        Operations = [.. _document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(operation => operation.Key is "get" or "put" or "post" or "delete" or "patch" or "head" or "options")
            .Select(operation => new DocumentedOperation(
                operation.Key.ToUpperInvariant(),
                path.Key,
                operation.Value!["operationId"]?.GetValue<string>() ?? $"{operation.Key} {path.Key}",
                [.. operation.Value!["tags"]?.AsArray().Select(tag => tag!.GetValue<string>()) ?? []])))];
    }

    public IReadOnlyList<DocumentedOperation> Operations { get; }

    /// <summary>The statuses each operation (by id) answered in validated responses.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<int>> Answered =>
        _answered.ToDictionary(entry => entry.Key, entry => (IReadOnlySet<int>)entry.Value.Keys.ToHashSet(), StringComparer.Ordinal);

    /// <summary>Fails the test with every way <paramref name="response"/> differs from the document.</summary>
    public async Task AssertValidAsync(HttpResponseMessage response)
    {
        var errors = await CheckAsync(response);
        if (errors.Count > 0)
        {
            var request = response.RequestMessage!;
            var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync();
            Assert.Fail($"{request.Method} {request.RequestUri!.PathAndQuery} answered {(int)response.StatusCode} not as documented:\n  "
                + string.Join("\n  ", errors) + $"\nbody: {Shorten(body)}");
        }
    }

    /// <summary>Every way <paramref name="response"/> differs from the document; empty when it is as documented.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(HttpResponseMessage response)
    {
        var request = response.RequestMessage ?? throw new ArgumentException("The response has no request.", nameof(response));
        var operation = Find(request.Method.Method, request.RequestUri!);
        if (operation is null)
        {
            return [$"{request.Method} {request.RequestUri!.AbsolutePath} is no documented operation"];
        }

        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var responses = _document["paths"]![operation.Template]![operation.Method.ToLowerInvariant()]!["responses"]!.AsObject();
        var key = responses.ContainsKey(status) ? status : responses.ContainsKey(status[0] + "XX") ? status[0] + "XX" : responses.ContainsKey("default") ? "default" : null;
        if (key is null)
        {
            return [$"status {status} is not documented for {operation} (documented: {string.Join(", ", responses.Select(r => r.Key))})"];
        }

        _answered.GetOrAdd(operation.OperationId, _ => new()).TryAdd((int)response.StatusCode, 0);
        var (pointer, documented) = Resolve($"/paths/{Escape(operation.Template)}/{operation.Method.ToLowerInvariant()}/responses/{key}", responses[key]!);
        var body = response.Content is null ? [] : await response.Content.ReadAsByteArrayAsync();
        var content = documented["content"]?.AsObject();
        if (content is null || content.Count == 0)
        {
            return body.Length == 0 ? [] : [$"{status} of {operation} documents no body, but one came ({response.Content!.Headers.ContentType})"];
        }

        var mediaType = response.Content?.Headers.ContentType?.MediaType;
        if (mediaType is null || !content.ContainsKey(mediaType))
        {
            return [$"content type {mediaType ?? "(none)"} is not documented for {status} of {operation} (documented: {string.Join(", ", content.Select(c => c.Key))})"];
        }

        JsonElement instance;
        if (IsJson(mediaType))
        {
            try
            {
                instance = JsonDocument.Parse(body).RootElement.Clone();
            }
            catch (JsonException ex)
            {
                return [$"the {mediaType} body is not JSON: {ex.Message}"];
            }
        }
        else
        {
            instance = JsonSerializer.SerializeToElement(System.Text.Encoding.UTF8.GetString(body));
        }

        var errors = Evaluate($"{pointer}/content/{Escape(mediaType)}/schema", instance);
        if (mediaType == "application/problem+json" && instance.ValueKind == JsonValueKind.Object
            && instance.TryGetProperty("status", out var problemStatus) && problemStatus.ValueKind == JsonValueKind.Number && problemStatus.GetInt32() != (int)response.StatusCode)
        {
            errors = [.. errors, $"the problem says status {problemStatus.GetInt32()}"];
        }

        return errors;
    }

    /// <summary>The operation a request is for: the path template that matches it, literal segments winning over parameters (as in routing).</summary>
    public DocumentedOperation? Find(string method, Uri uri)
    {
        var segments = (uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0]).Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        return Operations
            .Where(operation => operation.Method == method && Matches(operation.Template, segments))
            .OrderByDescending(operation => Specificity(operation.Template))
            .FirstOrDefault();
    }

    private static bool Matches(string template, string[] segments)
    {
        var parts = template.Trim('/').Split('/');
        return parts.Length == segments.Length
            && parts.Zip(segments).All(pair => IsParameter(pair.First) ? pair.Second.Length > 0 : pair.First == pair.Second);
    }

    /// <summary>Literal segments, read left to right, as a binary number: /a/{b} ranks above /{a}/b.</summary>
    private static long Specificity(string template) =>
        template.Trim('/').Split('/').Aggregate(0L, (rank, part) => (rank << 1) | (IsParameter(part) ? 0L : 1L));

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');

    private static bool IsJson(string mediaType) => mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    /// <summary>A response object, following <c>$ref</c> to <c>components/responses</c>.</summary>
    private (string Pointer, JsonObject Response) Resolve(string pointer, JsonNode response)
    {
        while (response["$ref"]?.GetValue<string>() is { } reference)
        {
            pointer = reference.TrimStart('#');
            response = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Aggregate<string, JsonNode>(_document, (node, part) => node[Unescape(part)]!);
        }

        return (pointer, response.AsObject());
    }

    /// <summary>Every way <paramref name="instance"/> differs from the schema at <paramref name="pointer"/> (e.g. <c>/components/schemas/X</c>).</summary>
    public IReadOnlyList<string> CheckSchema(string pointer, JsonElement instance) => Evaluate(pointer, instance);

    private IReadOnlyList<string> Evaluate(string pointer, JsonElement instance)
    {
        EvaluationResults result;
        // One validator serves test classes running in parallel; a schema registry is not safe to build into
        // (or resolve from while another thread builds) concurrently.
        lock (_registryLock)
        {
            var schema = _schemas.GetOrAdd(pointer, p => JsonSchema.FromText(
                JsonSerializer.Serialize(new Dictionary<string, string> { ["$ref"] = DocumentUri + "#" + Uri.EscapeDataString(p).Replace("%2F", "/", StringComparison.Ordinal) }),
                _build));
            result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        }

        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(detail => detail.Errors is { Count: > 0 })
                .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value} ({detail.EvaluationPath})"))
                .DefaultIfEmpty("the body does not match the schema")];
    }

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Unescape(string token) => Uri.UnescapeDataString(token).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static string Shorten(string text) => text.Length <= 2000 ? text : text[..2000] + "…";
}

namespace Orleans.Bcp.Api.Http;

/// <summary>
/// The body of an endpoint that reads its request itself (to answer every way a body can be wrong
/// with a problem of its own), named as a schema of an <see cref="IDocumentSchemas"/> (none: any JSON
/// object, as for the per-type routes, whose schemas Api/OpenApi/EntityPathsTransformer.cs names). Not the
/// framework's <c>Accepts</c>: that also changes routing, which would answer a wrong Content-Type before the handler could.
/// </summary>
public sealed record RequestBodyMetadata(string ContentType, string? SchemaName);

namespace Orleans.Bcp.Api.OpenApi;

/// <summary>
/// The body of an endpoint that reads its request itself (to answer every way a body can be wrong
/// with a problem of its own), named as a schema of <see cref="ContractSchemas"/> (none: any JSON
/// object, as for the per-type routes, whose schemas <see cref="EntityPathsTransformer"/> names). Not the
/// framework's <c>Accepts</c>: that also changes routing, which would answer a wrong Content-Type before the handler could.
/// </summary>
public sealed record RequestBodyMetadata(string ContentType, string? SchemaName);

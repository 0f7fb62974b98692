namespace Orleans.Bcp.Api.Http;

/// <summary>The endpoint answers an entity (a schema of an <see cref="IDocumentSchemas"/>) with its <c>ETag</c>, where its handler's type says only "a JSON object".</summary>
public sealed record EntityResponseMetadata(string SchemaName);

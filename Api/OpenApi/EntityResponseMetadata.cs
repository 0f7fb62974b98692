namespace Orleans.Bcp.Api.OpenApi;

/// <summary>The endpoint answers an entity (a schema of <see cref="ContractSchemas"/>) with its <c>ETag</c>, where its handler's type says only "a JSON object".</summary>
public sealed record EntityResponseMetadata(string SchemaName);

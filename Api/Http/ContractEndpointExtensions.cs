namespace Orleans.Bcp.Api.Http;

/// <summary>What an endpoint mapping says for the API document, next to the route it describes.</summary>
public static class ContractEndpointExtensions
{
    /// <summary>The endpoint can answer <paramref name="statusCode"/> with a problem of one of these types (slugs after <c>/problems/</c>).</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, int statusCode, params string[] types)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProblemResponseMetadata(statusCode, types));

    /// <summary>A query parameter read as text is an integer from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public static TBuilder WithIntegerQuery<TBuilder>(this TBuilder builder, string name, int minimum, int maximum, int defaultValue)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new QueryParameterMetadata(name, Required: false, minimum, maximum, defaultValue));

    /// <summary>A query parameter the handler refuses (400) when it is missing.</summary>
    public static TBuilder WithRequiredQuery<TBuilder>(this TBuilder builder, string name)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new QueryParameterMetadata(name, Required: true));

    /// <summary>The body the handler reads itself, as a schema the document holds (a feature registers it as <see cref="IDocumentSchemas"/>).</summary>
    public static TBuilder WithRequestBody<TBuilder>(this TBuilder builder, string contentType, string? schemaName = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBodyMetadata(contentType, schemaName));

    /// <summary>The JSON the endpoint answers is this entity schema, with an ETag.</summary>
    public static TBuilder WithEntityResponse<TBuilder>(this TBuilder builder, string schemaName)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EntityResponseMetadata(schemaName));

    public static TBuilder WithIfMatch<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(IfMatchMetadata.Instance);

    /// <summary>Documented once per entity type instead of with its <c>{type}</c> segment (see <see cref="PerEntityTypeMetadata"/>).</summary>
    public static TBuilder PerEntityType<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(PerEntityTypeMetadata.Instance);
}

namespace Orleans.Bcp.Api.Http;

public static class HotReadEndpoints
{
    /// <summary>Marks a read as hot (<see cref="HotRead"/>): answered with less per-request work for a token seen before.</summary>
    public static TBuilder AsHotRead<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(HotRead.Instance);
}

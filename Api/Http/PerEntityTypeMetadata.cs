namespace Orleans.Bcp.Api.Http;

/// <summary>
/// A configuration route with a <c>{type}</c> segment: the document shows it once per entity type,
/// with that type's schemas (Api/OpenApi/EntityPathsTransformer.cs), and not the <c>{type}</c> form,
/// which stays mapped so that an unknown type still answers 404 <c>unknown-entity-type</c>.
/// </summary>
public sealed class PerEntityTypeMetadata
{
    public static readonly PerEntityTypeMetadata Instance = new();

    private PerEntityTypeMetadata()
    {
    }
}

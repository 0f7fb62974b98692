using Microsoft.OpenApi;

namespace Orleans.Bcp.Api.Http;

/// <summary>
/// Schemas a feature writes by hand for the API document: bodies its handlers read themselves, entities no C# type
/// describes. The document adds every one registered (Api/OpenApi/ContractDocumentTransformer.cs), so the
/// document's generator knows no feature.
/// </summary>
public interface IDocumentSchemas
{
    IEnumerable<(string Name, IOpenApiSchema Schema)> All(OpenApiDocument document);
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Orleans.Bcp.Api.OpenApi;

/// <summary>
/// Each operation's summary and description are the ones its mapping gives (<c>WithSummary</c>,
/// <c>WithDescription</c>), ending with who may call it. Set last, as a document transformer: the
/// XML-comment support would otherwise put a handler's <c>&lt;summary&gt;</c> — a note for
/// maintainers, not for clients — in their place.
/// </summary>
internal sealed class OperationTextTransformer(IAuthorizationPolicyProvider policies) : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var description in context.DescriptionGroups.SelectMany(group => group.Items))
        {
            var path = ApiDescriptionPaths.PathOf(description);
            if (!document.Paths.TryGetValue(path, out var item) || item.Operations?.GetValueOrDefault(HttpMethod.Parse(description.HttpMethod)) is not { } operation)
            {
                continue;
            }

            var metadata = description.ActionDescriptor.EndpointMetadata;
            var access = await EndpointAccess.OfAsync([.. metadata], policies);
            operation.Summary = metadata.OfType<IEndpointSummaryMetadata>().LastOrDefault()?.Summary;
            var text = metadata.OfType<IEndpointDescriptionMetadata>().LastOrDefault()?.Description;
            operation.Description = string.IsNullOrEmpty(text) ? access.Sentence : $"{text}\n\n{access.Sentence}";
        }
    }
}

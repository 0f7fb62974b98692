using Microsoft.Net.Http.Headers;
using Orleans.Bcp.Silo.Config;

namespace Orleans.Bcp.Api.Config;

/// <summary>
/// An If-Match precondition (RFC 9110 §13.1.1): <c>*</c> (the entity exists) or a list of ETags,
/// compared strongly, so a weak ETag never matches.
/// </summary>
internal sealed record IfMatch(bool Any, IReadOnlyList<string> Tags) : IETagPrecondition
{
    /// <summary>False when the header is malformed; <paramref name="condition"/> is null when it is absent.</summary>
    public static bool TryParse(HttpRequest request, out IfMatch? condition)
    {
        condition = null;
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(header, out var tags) || tags.Count == 0)
        {
            return false;
        }

        condition = new IfMatch(
            tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any)),
            [.. tags.Where(tag => !tag.IsWeak).Select(tag => tag.Tag.ToString())]);
        return true;
    }

    public bool Matches(string storeETag) => Any || Tags.Contains(EntityETag.ToHeader(storeETag), StringComparer.Ordinal);
}

using System.Text.Json.Nodes;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// The JSON body of a route: a valid template (what an accepted request would send) and the fields
/// the route checks. Mutating one checked field of the template into something invalid gives a body
/// that must be refused; the rest of the template stays valid, so the refusal is for that field.
/// </summary>
/// <param name="Template">A body the route accepts.</param>
/// <param name="Fields">The fields the route checks.</param>
/// <param name="BodyLimit">The largest body the route reads; more is a 413.</param>
public sealed record JsonBodySpec(JsonObject Template, IReadOnlyList<BodyField> Fields, long BodyLimit)
{
    /// <summary>Read by the route itself as a JSON object (configuration): invalid UTF-8, lone surrogates and duplicate keys anywhere are refused.</summary>
    public bool WholeBodyChecked { get; init; }

    /// <summary>A configuration body may carry the entity's id only on replace, and only the URL's.</summary>
    public bool IdForbidden { get; init; }

    /// <summary>A field whose text may be huge (script content), with its own limit.</summary>
    public (string Field, int MaxBytes)? LargeField { get; init; }
}

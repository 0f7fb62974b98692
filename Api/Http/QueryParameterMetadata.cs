namespace Orleans.Bcp.Api.Http;

/// <summary>
/// What the document says of a query parameter that its handler takes as text and parses itself
/// (ASCII digits only, see <c>WholeNumber</c>): an integer within bounds, or a required one.
/// </summary>
public sealed record QueryParameterMetadata(string Name, bool Required, int? Minimum = null, int? Maximum = null, int? Default = null);

using System.Text.Json.Serialization;

namespace Orleans.Bcp.Api.Access;

/// <summary>A row of a bulk upload that cannot be applied, as the 400 problem lists it.</summary>
/// <param name="Line">The line of the file the row starts on (the header is line 1).</param>
/// <param name="Username">The username as given, when the row has one that is safe to echo.</param>
/// <param name="Error">What is wrong, as a stable slug (<see cref="RowErrors"/>) a client can branch on.</param>
/// <param name="Detail">What is wrong, for people.</param>
internal sealed record InvalidRow(
    int Line,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Username,
    string Error,
    string Detail);

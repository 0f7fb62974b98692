namespace Orleans.Bcp.Api.Access;

/// <summary>A row of a bulk upload that is well-formed by itself.</summary>
/// <param name="Line">The line of the file it starts on (the header is line 1).</param>
/// <param name="Username">The username, trimmed.</param>
/// <param name="BcpType">The BCP type asked for.</param>
internal sealed record BcpTypeRow(int Line, string Username, string BcpType);

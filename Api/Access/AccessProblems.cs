using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Api.Access;

/// <summary>The problems of the user access routes, with their stable type suffixes.</summary>
internal static class AccessProblems
{
    public static ProblemHttpResult NotCsv() =>
        Problem.Of(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "The body must be CSV",
            "Send Content-Type: text/csv (UTF-8) with the header row username,bcpType.");

    public static ProblemHttpResult NotUtf8() =>
        Problem.Invalid("$", "The file is not valid UTF-8; save it as \"CSV UTF-8\".");

    public static ProblemHttpResult TooManyRows() =>
        Problem.Of(StatusCodes.Status400BadRequest, "too-many-rows", "The file has too many rows",
            $"A file may have at most {BcpTypeCsv.MaxRows} rows after the header; split it. Nothing was applied.");

    /// <summary>Every bad row, in file order; nothing was applied.</summary>
    public static ProblemHttpResult InvalidRows(IReadOnlyList<InvalidRow> rows) =>
        Problem.Of(StatusCodes.Status400BadRequest, "csv-invalid", "The file has invalid rows",
            $"{rows.Count} row(s) cannot be applied, so nothing was; see invalidRows, fix them and upload the whole file again.",
            new Dictionary<string, object?> { ["invalidRows"] = rows });
}

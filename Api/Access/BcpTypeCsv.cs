using System.Buffers;
using CsvHelper;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Api.Access;

/// <summary>
/// Reads a bulk upload of BCP types (docs/api.md): the header row <c>username,bcpType</c>, then at most
/// <see cref="MaxRows"/> rows of RFC 4180 CSV in UTF-8. Every row that is wrong by itself is reported
/// (cells, type, duplicates, CSV injection); whether its username is a user of the tenant is checked
/// afterwards, against the store (<see cref="BcpTypeBulk"/>).
/// </summary>
internal static class BcpTypeCsv
{
    public const int MaxRows = 1000;

    public const string UsernameColumn = "username";
    public const string BcpTypeColumn = "bcpType";

    // A cell a spreadsheet would run as a formula when the file (or an export of it) is opened:
    // OWASP's "CSV injection" list. Usernames and types never need to start so, so such a cell is
    // refused rather than stored and echoed back into some later export.
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static BcpTypeCsvFile Read(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.Span.StartsWith(Utf8Bom))
        {
            // Excel's "CSV UTF-8" starts with a byte order mark; it is not part of the header.
            utf8 = utf8[Utf8Bom.Length..];
        }

        // Lines with unbalanced quotes; the reader recovers (the row is still returned) and reports
        // them as it scans, which may be ahead of the row it returns, so they are matched up at the end.
        var malformedLines = new HashSet<long>();
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            TrimWhitespace = false,
            OnMalformedRecord = record => malformedLines.Add(record.LineNumber),
        };
        using var reader = CsvReader.Create(utf8, options);
        reader.ReadHeader();
        if (Columns(reader.Headers) is not (var usernameIndex, var typeIndex))
        {
            return new([], [new InvalidRow(1, null, RowErrors.WrongHeader,
                $"The first line must be the header {UsernameColumn},{BcpTypeColumn}.")]);
        }

        var rows = new List<BcpTypeRow>();
        var invalid = new List<InvalidRow>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var count = 0;
        while (reader.Read())
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.GetString(i);
            }

            if (cells is [var only] && string.IsNullOrWhiteSpace(only))
            {
                // A line of spaces carries nothing; it is passed over like an empty line.
                continue;
            }

            if (++count > MaxRows)
            {
                return new([], [], TooManyRows: true);
            }

            var line = checked((int)reader.LineNumber);
            var checkedRow = Check(line, cells, usernameIndex, typeIndex, firstLineOf);
            if (checkedRow.Row is { } row)
            {
                rows.Add(row);
            }
            else
            {
                invalid.Add(checkedRow.Invalid!);
            }
        }

        if (malformedLines.Contains(1))
        {
            return new([], [new InvalidRow(1, null, RowErrors.MalformedQuotes, "The header has unbalanced quotes.")]);
        }

        // A row with broken quoting was read as well as it could be; it is not applied as read.
        foreach (var row in rows.Where(row => malformedLines.Contains(row.Line)).ToList())
        {
            rows.Remove(row);
            invalid.Add(new InvalidRow(row.Line, row.Username, RowErrors.MalformedQuotes,
                "The row has unbalanced quotes: quote a cell as a whole (\"...\") and double quotes inside it (\"\")."));
        }

        return new(rows, [.. invalid.OrderBy(row => row.Line)]);
    }

    /// <summary>The positions of the two columns, named case-insensitively in either order; null for any other header.</summary>
    private static (int Username, int BcpType)? Columns(IReadOnlyList<string> headers)
    {
        var names = headers.Select(header => header.Trim()).ToList();
        var username = names.FindIndex(name => name.Equals(UsernameColumn, StringComparison.OrdinalIgnoreCase));
        var bcpType = names.FindIndex(name => name.Equals(BcpTypeColumn, StringComparison.OrdinalIgnoreCase));
        return names.Count == 2 && username >= 0 && bcpType >= 0 ? (username, bcpType) : null;
    }

    private static (BcpTypeRow? Row, InvalidRow? Invalid) Check(
        int line, string[] cells, int usernameIndex, int typeIndex, Dictionary<string, int> firstLineOf)
    {
        var rawUsername = usernameIndex < cells.Length ? cells[usernameIndex] : null;
        var rawType = typeIndex < cells.Length ? cells[typeIndex] : null;
        // A formula-looking username is not echoed back: the problem may end up in a spreadsheet too.
        var shownUsername = rawUsername is null || LooksLikeFormula(rawUsername) || rawUsername.Trim().Length == 0 ? null : rawUsername.Trim();
        if (cells.Length != 2)
        {
            return Invalid(cells.Length < 2
                ? new InvalidRow(line, shownUsername, RowErrors.MissingColumn, $"The row has one cell; it needs two: {UsernameColumn},{BcpTypeColumn}.")
                : new InvalidRow(line, shownUsername, RowErrors.ExtraColumn, $"The row has {cells.Length} cells; it needs two: {UsernameColumn},{BcpTypeColumn}."));
        }

        if (LooksLikeFormula(rawUsername!) || LooksLikeFormula(rawType!))
        {
            return Invalid(new InvalidRow(line, shownUsername, RowErrors.FormulaCell,
                "A cell must not start with =, +, -, @, a tab or a carriage return (spreadsheets run such cells as formulas)."));
        }

        var (username, type) = (rawUsername!.Trim(), rawType!.Trim());
        if (username.Length == 0 || type.Length == 0)
        {
            return Invalid(new InvalidRow(line, shownUsername, RowErrors.EmptyCell,
                username.Length == 0 ? "The username is empty." : "The BCP type is empty."));
        }

        if (!BcpTypes.All.Contains(type, StringComparer.Ordinal))
        {
            return Invalid(new InvalidRow(line, username, RowErrors.BadType,
                $"The BCP type must be one of {string.Join(", ", BcpTypes.All)} (lower case)."));
        }

        // Usernames are unique regardless of case, so "Ichabod" and "ichabod" are the same user.
        if (!firstLineOf.TryAdd(UsernameKey.Normalize(username), line))
        {
            return Invalid(new InvalidRow(line, username, RowErrors.DuplicateUsername,
                $"The username is on line {firstLineOf[UsernameKey.Normalize(username)]} already; give each user once."));
        }

        return (new BcpTypeRow(line, username, type), null);
    }

    /// <summary>Starts with a formula character, also after leading spaces (some spreadsheets trim them).</summary>
    private static bool LooksLikeFormula(string cell) =>
        cell.Length > 0 && (FormulaStarts.Contains(cell[0]) || cell.TrimStart(' ') is { Length: > 0 } trimmed && FormulaStarts.Contains(trimmed[0]));

    private static (BcpTypeRow? Row, InvalidRow? Invalid) Invalid(InvalidRow invalid) => (null, invalid);
}

using System.Text;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// Bulk BCP-type uploads (docs/api.md: <c>username,bcpType</c>, header row, at most 1,000 rows,
/// all-or-nothing) that must be refused: each has at least one invalid row — formula injection in
/// an unknown username, a bad type, a duplicate, broken quoting, wrong columns, invalid bytes.
/// </summary>
public static class CsvBodies
{
    private const string Header = "username,bcpType\n";

    public static IReadOnlyList<BodyCase> Generate(FuzzWorld world)
    {
        var known = world.Username;
        BodyCase Rows(string kind, string rows) => new("csv/" + kind, Encoding.UTF8.GetBytes(Header + rows));
        return
        [
            Rows("formula-equals", "=cmd|' /C calc'!A0,single\n"),
            Rows("formula-plus", "+1+1,single\n"),
            Rows("formula-minus", "-2+3,multiple\n"),
            Rows("formula-at", "@SUM(A1:A9),none\n"),
            Rows("formula-tab", "\t=1+1,single\n"),
            Rows("formula-cr", "\r=1+1,single\n"),
            Rows("formula-hyperlink", "\"=HYPERLINK(\"\"http://evil.example\"\")\",single\n"),
            Rows("formula-in-type", $"{known},=1+1\n"),
            Rows("unknown-type", $"{known},all\n"),
            Rows("type-upper-case", $"{known},SINGLE\n"),
            Rows("duplicate-row", $"{known},single\n{known},single\n"),
            Rows("duplicate-case-insensitive", $"{known},single\n{known.ToUpperInvariant()},none\n"),
            Rows("unknown-user", "nobody@fuzz.example,single\n"),
            Rows("unbalanced-quote", $"\"{known},single\n"),
            Rows("quote-in-middle", $"ich\"abod,single\n"),
            Rows("extra-column", $"{known},single,extra\n"),
            Rows("missing-column", $"{known}\n"),
            Rows("empty-row-fields", ",\n"),
            Rows("nul-in-username", $"{known}\0,single\n"),
            Rows("huge-field", $"{new string('x', 60_000)},single\n"),
            Rows("too-many-rows", string.Concat(Enumerable.Range(0, 1_001).Select(i => $"user{i}@fuzz.example,single\n"))),
            new("csv/no-header", Encoding.UTF8.GetBytes($"{known},single\n")),
            new("csv/wrong-header", Encoding.UTF8.GetBytes($"user,type\n{known},single\n")),
            new("csv/empty", []),
            new("csv/invalid-utf8", [.. Encoding.UTF8.GetBytes(Header + "ich"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(",single\n")]),
            new("csv/json-instead", Encoding.UTF8.GetBytes($"[{{\"username\":\"{known}\",\"bcpType\":\"single\"}}]")),
            new("csv/semicolon-separated", Encoding.UTF8.GetBytes($"username;bcpType\n{known};single\n")),
            new("csv/over-body-limit", Encoding.UTF8.GetBytes(Header + string.Concat(Enumerable.Repeat($"{new string('y', 1_000)},single\n", 2_000)))),
        ];
    }
}

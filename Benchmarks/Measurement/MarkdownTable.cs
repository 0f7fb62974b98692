using System.Text;

namespace Orleans.Bcp.Benchmarks.Measurement;

/// <summary>A GitHub Markdown table with padded columns; the first column is left-aligned, the others right-aligned.</summary>
internal sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void AddRow(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"Expected {headers.Length} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }

    public override string ToString()
    {
        var widths = headers.Select((header, column) => Math.Max(3, _rows.Select(row => row[column].Length).Append(header.Length).Max())).ToArray();
        var text = new StringBuilder();
        AppendRow(text, headers, widths);
        text.Append('|');
        for (var column = 0; column < widths.Length; column++)
        {
            text.Append(column == 0 ? $" :{new string('-', widths[column] - 1)} |" : $" {new string('-', widths[column] - 1)}: |");
        }

        text.AppendLine();
        foreach (var row in _rows)
        {
            AppendRow(text, row, widths);
        }

        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        text.Append('|');
        for (var column = 0; column < cells.Length; column++)
        {
            text.Append(' ').Append(column == 0 ? cells[column].PadRight(widths[column]) : cells[column].PadLeft(widths[column])).Append(" |");
        }

        text.AppendLine();
    }
}

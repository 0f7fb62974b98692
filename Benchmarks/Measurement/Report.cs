using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Orleans.Bcp.Benchmarks.Measurement;

/// <summary>The Markdown report printed at the end of a run.</summary>
internal sealed class Report(BenchmarkOptions options)
{
    private readonly List<ReportSection> _sections = [];
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;

    public void Add(ReportSection section) => _sections.Add(section);

    /// <summary>A suite that stopped on an error: its section says so, with the error's first line.</summary>
    public void AddFailure(string suite, Exception error)
    {
        var table = new MarkdownTable("Suite", "Result");
        table.AddRow(suite, "FAILED");
        var message = error.Message.Split('\n')[0].Trim();
        _sections.Add(new ReportSection($"{suite} (failed)", "The suite stopped on an error; its figures are missing.", table, [$"{error.GetType().Name}: {message}"]));
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("## Benchmark run");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{_startedAt:yyyy-MM-dd HH:mm} UTC · mode {(options.Quick ? "quick (smoke run, figures not meaningful)" : "full")} · " +
            $"{Environment.ProcessorCount} logical CPUs · {RuntimeInformation.FrameworkDescription} · {RuntimeInformation.OSDescription} · " +
            $"load average at end {LoadAverage()}");
        foreach (var section in _sections)
        {
            text.AppendLine();
            text.AppendLine($"### {section.Title}");
            text.AppendLine();
            text.AppendLine(section.Method);
            text.AppendLine();
            text.Append(section.Table);
            if (section.Notes.Count > 0)
            {
                text.AppendLine();
                foreach (var note in section.Notes)
                {
                    text.AppendLine($"- {note}");
                }
            }
        }

        return text.ToString();
    }

    // A hint of how busy the machine was (other builds and tests share it); Linux only.
    private static string LoadAverage()
    {
        const string Path = "/proc/loadavg";
        return File.Exists(Path) ? string.Join(' ', File.ReadAllText(Path).Split(' ').Take(3)) : "n/a";
    }
}

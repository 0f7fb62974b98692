using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>
/// A process the harness started. Its output is drained (a full pipe would stall it) and the last
/// lines are kept for error messages. It is killed by its process id when disposed, and also when
/// the harness itself exits (e.g. SIGTERM), so no server outlives a run.
/// </summary>
internal sealed partial class ChildProcess : IAsyncDisposable
{
    private const int OutputLines = 60;

    // The first error of each kind a server logs (the console logger's "fail:" line and the lines of its exception),
    // printed when it stops: a run that counted 5xx answers says why without a rerun.
    private const int KeptFailures = 5;
    private const int LinesPerFailure = 12;
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly List<string> _failures = [];
    private readonly HashSet<string> _failureKinds = [];
    private string? _pendingFailure;
    private int _failureLinesLeft;
    private int _failuresSeen;
    private int _stopped;

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id { get; private set; }

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time (user + kernel) the process has used so far; read afresh on every call.</summary>
    public TimeSpan TotalProcessorTime => _process.TotalProcessorTime;

    public string Output => string.Join(Environment.NewLine, _output);

    public static ChildProcess Start(
        string name, string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.Record(e.Data);
        process.ErrorDataReceived += (_, e) => child.Record(e.Data);
        process.Start();
        child.Id = process.Id;
        AppDomain.CurrentDomain.ProcessExit += child.OnHarnessExit;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Log.Info($"started {name} (pid {child.Id})");
        return child;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnHarnessExit;
        Kill();
        lock (_failures)
        {
            if (_failuresSeen > 0)
            {
                Log.Info($"{Name} logged {_failuresSeen} error(s); the first of {_failureKinds.Count} kind(s):{Environment.NewLine}{string.Join(Environment.NewLine, _failures)}");
            }
        }

        using var timeout = new CancellationTokenSource(ExitTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            Log.Info($"stopped {Name} (pid {Id})");
        }
        catch (OperationCanceledException)
        {
            Log.Info($"WARNING: {Name} (pid {Id}) did not exit within {ExitTimeout.TotalSeconds:0} s of being killed");
        }

        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    private void OnHarnessExit(object? sender, EventArgs e) => Kill();

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        KeepFailure(line);
        _output.Enqueue(line);
        if (_output.Count > OutputLines)
        {
            _output.TryDequeue(out _);
        }
    }

    private void KeepFailure(string line)
    {
        lock (_failures)
        {
            if (line.StartsWith("fail:", StringComparison.Ordinal))
            {
                _failuresSeen++;
                _pendingFailure = line;
                return;
            }

            if (_pendingFailure is { } failLine)
            {
                // The "fail:" line names the logger and event; the next one says what failed (ids masked), so a kind is kept once.
                _pendingFailure = null;
                var kind = failLine + LongIds().Replace(line, "*");
                // A 500 is a bug by the product's rules: its kinds are kept past the first few of everything else.
                var room = _failureKinds.Count < KeptFailures || (line.Contains(" with 500", StringComparison.Ordinal) && _failureKinds.Count < 2 * KeptFailures);
                _failureLinesLeft = room && _failureKinds.Add(kind) ? LinesPerFailure - 1 : 0;
                if (_failureLinesLeft > 0)
                {
                    _failures.Add(failLine);
                }
            }

            if (_failureLinesLeft > 0)
            {
                _failures.Add(line);
                _failureLinesLeft--;
            }
        }
    }

    [GeneratedRegex("[0-9a-zA-Z%@._-]{16,}")]
    private static partial Regex LongIds();
}

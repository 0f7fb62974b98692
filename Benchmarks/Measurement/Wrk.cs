using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Orleans.Bcp.Benchmarks.Measurement;

/// <summary>
/// The wrk HTTP load generator (C, epoll, far cheaper per request than an HttpClient loop), installed
/// with apt-get when missing. Requests rotate over a list of paths through a Lua script, so a run asks
/// for many usernames or numbers rather than one cached key.
/// </summary>
internal sealed partial class Wrk
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(4);

    private readonly string _executable;

    private Wrk(string executable, string howFound)
    {
        _executable = executable;
        HowFound = howFound;
    }

    /// <summary>For the report: where wrk came from and its version line.</summary>
    public string HowFound { get; }

    /// <summary>wrk from PATH, or installed now (apt-get install -y wrk, after apt-get update if needed); null with the reason when neither works.</summary>
    public static async Task<(Wrk? Wrk, string Note)> LocateAsync(CancellationToken cancellationToken)
    {
        if (Find() is { } existing)
        {
            return (new Wrk(existing, $"found at {existing}"), $"wrk found at {existing}");
        }

        // Root installs directly; anyone else needs password-less sudo.
        var (file, prefix) = Environment.UserName == "root" ? ("apt-get", Array.Empty<string>()) : ("sudo", ["-n", "apt-get"]);
        var log = new List<string>();
        foreach (var attempt in new[] { new[] { "install", "-y", "wrk" }, ["update"], ["install", "-y", "wrk"] })
        {
            var (exit, output) = await RunAsync(file, [.. prefix, .. attempt], InstallTimeout, cancellationToken);
            log.Add($"`{file} {string.Join(' ', prefix.Concat(attempt))}` exited {exit}");
            if (Find() is { } installed)
            {
                return (new Wrk(installed, $"installed by the suite ({string.Join("; ", log)})"), $"wrk installed at {installed}");
            }

            if (exit != 0 && attempt[0] == "install")
            {
                log.Add(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "");
            }
        }

        return (null, $"wrk is not available ({string.Join("; ", log)})");
    }

    /// <summary>One run of <paramref name="duration"/> (whole seconds, at least 1) over <paramref name="paths"/>, rotating.</summary>
    public async Task<WrkResult> RunAsync(
        Uri baseAddress, string? token, IReadOnlyList<string> paths, int connections, TimeSpan duration, string workFolder, CancellationToken cancellationToken)
    {
        var pathsFile = Path.Combine(workFolder, $"wrk-paths-{Guid.NewGuid():N}.txt");
        var script = Path.Combine(workFolder, $"wrk-{Guid.NewGuid():N}.lua");
        await File.WriteAllLinesAsync(pathsFile, paths, cancellationToken);
        // setup() runs in the main Lua state once per thread and gives each thread its own start in the list.
        await File.WriteAllTextAsync(script, $$"""
            local paths = {}
            for line in io.lines("{{pathsFile}}") do paths[#paths + 1] = line end
            local threads = 0
            function setup(thread) thread:set("first", threads * 7919); threads = threads + 1 end
            function init(args) i = first or 0 end
            function request()
              i = i + 1
              return wrk.format("GET", paths[(i % #paths) + 1])
            end
            """, cancellationToken);
        var seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds));
        List<string> arguments = ["-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "10s", "-s", script];
        if (token is not null)
        {
            arguments.AddRange(["-H", $"Authorization: Bearer {token}"]);
        }

        arguments.Add(baseAddress.AbsoluteUri.TrimEnd('/'));
        var (exit, output) = await RunAsync(_executable, arguments, duration + TimeSpan.FromSeconds(30), cancellationToken);
        File.Delete(pathsFile);
        File.Delete(script);
        if (exit != 0 || RequestsPerSecond().Match(output) is not { Success: true } rate)
        {
            throw new InvalidOperationException($"wrk exited {exit}:{Environment.NewLine}{output}");
        }

        return new WrkResult(
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(TotalRequests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile(output, "50%"),
            Percentile(output, "99%"),
            NonSuccess().Match(output) is { Success: true } non2xx ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            SocketErrors().Match(output) is { Success: true } socket
                ? Enumerable.Range(1, 4).Sum(group => long.Parse(socket.Groups[group].Value, CultureInfo.InvariantCulture))
                : 0);
    }

    private static double Percentile(string output, string label)
    {
        var match = Regex.Match(output, $@"^\s*{Regex.Escape(label)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!match.Success)
        {
            return double.NaN;
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "wrk"))
            .FirstOrDefault(File.Exists);

    private static async Task<(int Exit, string Output)> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        Process process;
        try
        {
            process = Process.Start(startInfo)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }

        using (process)
        {
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(timeoutSource.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeoutSource.Token);
            try
            {
                await process.WaitForExitAsync(timeoutSource.Token);
                return (process.ExitCode, await stdout + await stderr);
            }
            catch (OperationCanceledException)
            {
                // Only the process this call started, by its own handle.
                process.Kill(entireProcessTree: true);
                throw;
            }
        }
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex TotalRequests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}

using System.Globalization;

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>The kernel's TCP sockets, read from Linux's /proc/net/tcp and tcp6.</summary>
public static class TcpTable
{
    private const string ListenState = "0A";
    private const string EstablishedState = "01";

    /// <summary>The TCP ports a process listens on (its socket inodes matched against the listening sockets).</summary>
    public static IReadOnlySet<int> ListeningPortsOf(int processId)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var descriptor in Directory.EnumerateFiles($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/fd"))
        {
            var target = new FileInfo(descriptor).LinkTarget;
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                inodes.Add(target["socket:[".Length..^1]);
            }
        }

        return Rows()
            .Where(fields => fields[3] == ListenState && inodes.Contains(fields[9]))
            .Select(fields => PortOf(fields[1]))
            .ToHashSet();
    }

    /// <summary>The established connections to a loopback port, counted from the clients' side.</summary>
    public static int EstablishedTo(int port) =>
        Rows().Count(fields => fields[3] == EstablishedState && PortOf(fields[2]) == port);

    /// <summary>sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode, one array per socket.</summary>
    private static IEnumerable<string[]> Rows() =>
        ((string[])["/proc/net/tcp", "/proc/net/tcp6"])
            .SelectMany(table => File.ReadLines(table).Skip(1))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 9);

    private static int PortOf(string address) =>
        int.Parse(address[(address.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}

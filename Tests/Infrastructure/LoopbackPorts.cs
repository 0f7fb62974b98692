using System.Net;
using System.Net.Sockets;

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>
/// Loopback ports for servers a test starts later (silos, gateways, Azurite, node processes), each handed out once per
/// test run, so classes running in parallel never get the same one.
/// </summary>
/// <remarks>
/// A port from binding to port 0 is free only until the listener closes: the kernel may then give it as the local port
/// of any outgoing connection (the suite opens thousands) or to another bind to 0, before the silo that was handed it
/// binds. So ports come from below the kernel's ephemeral range, which it never hands out by itself, each checked free
/// by a bind and never handed out twice. The start is random, so two test runs at once rarely walk the same ports.
/// </remarks>
public static class LoopbackPorts
{
    private const int Lowest = 10_000;

    private static readonly object Gate = new();
    private static readonly int Highest = EphemeralRangeStart() - 1;
    private static int _next = Random.Shared.Next(Lowest, Highest);
    private static int _handedOut;

    /// <summary>A loopback port that was free just now and that no other caller in this test run gets.</summary>
    public static int Reserve()
    {
        lock (Gate)
        {
            while (_handedOut < Highest - Lowest)
            {
                var port = _next;
                _next = port >= Highest ? Lowest : port + 1;
                _handedOut++;
                if (IsFree(port))
                {
                    return port;
                }
            }

            throw new InvalidOperationException($"Every loopback port from {Lowest} to {Highest} was handed out in this test run.");
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of Linux's ephemeral range (32768 by default); 32768 where there is no such file.</summary>
    private static int EphemeralRangeStart()
    {
        const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        var text = File.Exists(RangeFile) ? File.ReadAllText(RangeFile) : "";
        return int.TryParse(text.Split('\t', ' ', '\n')[0], out var start) && start > Lowest + 1_000 ? start : 32_768;
    }
}

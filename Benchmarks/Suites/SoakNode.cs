using Orleans.Bcp.Benchmarks.Infrastructure;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// One Api node of the soak cluster: fixed ports (a restarted node comes back where it was), the
/// running process if any, and an HTTP client per life of the process, so no request of a new life
/// goes out on a connection of the killed one. <see cref="Life"/> tells a request whether the node
/// was killed while it was under way.
/// </summary>
internal sealed class SoakNode(string name, int httpPort, int siloPort)
{
    private volatile bool _up;
    private int _life;

    public string Name { get; } = name;

    public int HttpPort { get; } = httpPort;

    public int SiloPort { get; } = siloPort;

    public ApiServer? Server { get; private set; }

    public HttpClient? Client { get; private set; }

    /// <summary>Whether the load may use it: started and answering, and not killed since.</summary>
    public bool IsUp => _up;

    /// <summary>Counts the node's kills; a request that saw another value when it ended lost its node.</summary>
    public int Life => Volatile.Read(ref _life);

    public void Started(ApiServer server, TimeSpan requestTimeout)
    {
        Server = server;
        Client = ApiCalls.CreateClient(server.BaseAddress, null);
        Client.Timeout = requestTimeout;
        _up = true;
    }

    /// <summary>Takes the node out of the load before it is killed; the caller kills the process.</summary>
    public (ApiServer? Server, HttpClient? Client) TakeDown()
    {
        _up = false;
        Interlocked.Increment(ref _life);
        var taken = (Server, Client);
        Server = null;
        Client = null;
        return taken;
    }
}

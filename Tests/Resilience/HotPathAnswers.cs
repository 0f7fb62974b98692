using System.Net;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>Counts of the answers a load got, by status class.</summary>
public sealed class HotPathAnswers
{
    private int _sent;
    private int _ok;
    private int _clientErrors;
    private int _serverErrors;

    public int Sent => _sent;

    public int Ok => _ok;

    public int ClientErrors => _clientErrors;

    public int ServerErrors => _serverErrors;

    public void Record(HttpStatusCode status)
    {
        Interlocked.Increment(ref _sent);
        var code = (int)status;
        if (code >= 500)
        {
            Interlocked.Increment(ref _serverErrors);
        }
        else if (code >= 400)
        {
            Interlocked.Increment(ref _clientErrors);
        }
        else
        {
            Interlocked.Increment(ref _ok);
        }
    }

    public override string ToString() => $"{Sent} requests: {Ok} 2xx, {ClientErrors} 4xx, {ServerErrors} 5xx";
}

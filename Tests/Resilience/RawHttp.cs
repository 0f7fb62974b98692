using System.Net;
using System.Net.Sockets;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>Sends a <see cref="RawRequest"/> on a connection of its own and reads the answer until the server closes.</summary>
public static class RawHttp
{
    private const int MaxResponseBytes = 8 * 1024 * 1024;

    public static async Task<RawResponse> SendAsync(int port, RawRequest request, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
        // Sending and receiving run side by side: a server that answers 413 before reading a huge
        // body closes on us mid-send, and its answer must still be read.
        var sending = SendAsync(socket, request.ToBytes($"127.0.0.1:{port}"), request.HalfClose, deadline.Token);
        var received = await ReceiveAsync(socket, deadline.Token);
        await sending;
        return RawResponse.Parse(received);
    }

    private static async Task SendAsync(Socket socket, byte[] bytes, bool halfClose, CancellationToken cancellationToken)
    {
        try
        {
            for (var sent = 0; sent < bytes.Length;)
            {
                sent += await socket.SendAsync(bytes.AsMemory(sent, Math.Min(64 * 1024, bytes.Length - sent)), SocketFlags.None, cancellationToken);
            }

            if (halfClose)
            {
                socket.Shutdown(SocketShutdown.Send);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The server stopped reading (it answered already, or refused the request): what it said is what counts.
        }
    }

    private static async Task<byte[]> ReceiveAsync(Socket socket, CancellationToken cancellationToken)
    {
        using var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            while (received.Length < MaxResponseBytes)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException)
        {
            // A reset after the answer: keep what arrived.
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No complete answer within the deadline ({received.Length} bytes received).");
        }

        return received.ToArray();
    }
}

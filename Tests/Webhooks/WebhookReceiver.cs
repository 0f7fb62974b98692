using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Webhooks;

/// <summary>
/// A real HTTP receiver on loopback (Kestrel) that records every request it is sent and answers
/// <see cref="Status"/> after <see cref="Delay"/>. Stopped and started again on the same port, it plays a
/// receiver that is down for a while.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private WebApplication? _app;
    private CancellationTokenSource? _stopping;

    private WebhookReceiver(int port) => Port = port;

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hooks/bcp";

    public TimeSpan Delay { get; set; }

    public int Status { get; set; } = StatusCodes.Status204NoContent;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver(LoopbackPorts.Reserve());
        await receiver.StartAgainAsync();
        return receiver;
    }

    public async Task StartAgainAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        var stopping = _stopping = new CancellationTokenSource();
        app.MapPost("/hooks/bcp", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = new HeaderDictionary();
            foreach (var (name, value) in context.Request.Headers)
            {
                headers[name] = value;
            }

            _received.Enqueue(new ReceivedWebhook(headers, body, DateTimeOffset.UtcNow));
            // A held answer ends when its sender hangs up (a killed node) or the receiver stops, as a real one's would: else
            // stopping waited for it up to Kestrel's 30 s shutdown timeout.
            using var held = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
            try
            {
                await Task.Delay(Delay, held.Token);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
                return Results.Empty;
            }

            return Results.StatusCode(Status);
        });
        await app.StartAsync();
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await _stopping!.CancelAsync();
            await app.StopAsync();
            await app.DisposeAsync();
            _stopping!.Dispose();
        }
    }

    /// <summary>Waits until a request satisfies <paramref name="match"/>; fails after <paramref name="within"/>.</summary>
    public async Task<ReceivedWebhook> WaitForAsync(Func<ReceivedWebhook, bool> match, TimeSpan within)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_received.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"No matching webhook within {within}; received: {string.Join(" | ", _received.Select(r => r.Body))}");
        return null!;
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}

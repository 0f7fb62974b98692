namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// Header abuse added on top of a request that is refused anyway (Accept that excludes JSON, huge
/// or too many headers, a bad Host, smuggling-style headers). It must not turn a 4xx problem into a
/// 5xx or a bare answer — unless Kestrel refuses the HTTP itself (<see cref="ProtocolLevel"/>).
/// </summary>
public sealed record Decoration(string Label, Func<RawRequest, RawRequest> Apply, bool ProtocolLevel = false)
{
    public static IReadOnlyList<Decoration> All { get; } =
    [
        new("accept-html", request => request.WithHeader("Accept", "text/html")),
        new("accept-xml", request => request.WithHeader("Accept", "application/xml")),
        new("accept-problem-xml", request => request.WithHeader("Accept", "application/problem+xml")),
        new("accept-nothing", request => request.WithHeader("Accept", "*/*;q=0")),
        new("accept-garbage", request => request.WithHeader("Accept", ";;;, /, x/")),
        new("accept-huge-list", request => request.WithHeader("Accept", string.Join(", ", Enumerable.Range(0, 500).Select(i => $"type/sub{i};q=0.{i % 10}")))),
        new("header-near-limit", request => request.WithHeader("X-Fuzz", new string('h', 24_000))),
        new("many-headers", request => Many(request, 80)),
        new("cookie-huge", request => request.WithHeader("Cookie", "a=" + new string('c', 20_000))),
        new("host-other", request => request.WithHeader("Host", "evil.example")),
        new("method-override", request => request.WithHeader("X-HTTP-Method-Override", "GET").WithHeader("X-Method-Override", "DELETE")),
        new("forwarded-garbage", request => request.WithHeader("X-Forwarded-For", "1.1.1.1, ::ffff:garbage, %00").WithHeader("Forwarded", "for=\"[::1\"; proto=gopher").WithHeader("X-Forwarded-Proto", "gopher")),
        new("expect-continue", request => request.WithHeader("Expect", "100-continue")),
        new("content-encoding-gzip", request => request.WithHeader("Content-Encoding", "gzip")),
        new("range", request => request.WithHeader("Range", "bytes=0-0, -1")),
        new("if-none-match-star", request => request.WithHeader("If-None-Match", "*")),
        new("te-trailers", request => request.WithHeader("TE", "trailers, deflate;q=0.5")),
        new("header-over-limit", request => request.WithHeader("X-Fuzz", new string('h', 40_000)), ProtocolLevel: true),
        new("too-many-headers", request => Many(request, 150), ProtocolLevel: true),
        new("host-missing", request => request with { OmitHost = true }, ProtocolLevel: true),
        new("host-twice", request => request.WithHeader("Host", "a.example").WithHeader("Host", "b.example"), ProtocolLevel: true),
        new("host-with-space", request => request.WithHeader("Host", "a b"), ProtocolLevel: true),
        new("header-nul-byte", request => request.WithHeader("X-Fuzz", "a\0b"), ProtocolLevel: true),
        new("header-obs-fold", request => request.WithHeader("X-Fuzz", "a\r\n folded"), ProtocolLevel: true),
        new("header-name-with-space", request => request.WithHeader("X Fuzz", "1"), ProtocolLevel: true),
        new("header-non-ascii", request => request.WithHeader("X-Fuzz", "\u00e9\u00ff"), ProtocolLevel: true),
        new("upgrade-h2c", request => request.WithoutHeader("Connection").WithHeader("Connection", "Upgrade, HTTP2-Settings, close").WithHeader("Upgrade", "h2c").WithHeader("HTTP2-Settings", "AAMAAABkAAQAAP__"), ProtocolLevel: true),
        new("upgrade-websocket", request => request.WithoutHeader("Connection").WithHeader("Connection", "Upgrade, close").WithHeader("Upgrade", "websocket"), ProtocolLevel: true),
    ];

    private static RawRequest Many(RawRequest request, int count) =>
        request with { Headers = [.. request.Headers, .. Enumerable.Range(0, count).Select(i => new KeyValuePair<string, string>($"X-Fuzz-{i}", "v"))] };
}

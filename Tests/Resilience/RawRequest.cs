using System.Security.Cryptography;
using System.Text;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// One HTTP/1.1 request exactly as it goes on the wire. HttpClient validates and normalises what a
/// hostile client would not (dot segments, header values, Content-Length), so the fuzzer writes
/// bytes itself. The request line and header values are Latin-1, so a char up to U+00FF is one raw
/// byte: that is how a raw non-ASCII byte gets into a path or a header.
/// </summary>
public sealed record RawRequest
{
    public required string Method { get; init; }

    /// <summary>The request target as sent (already percent-encoded where the case wants it to be).</summary>
    public required string Target { get; init; }

    /// <summary>Headers in the order they are sent; Host and Connection are added unless present (or <see cref="OmitHost"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public byte[] Body { get; init; } = [];

    /// <summary>No Host header at all (HTTP/1.1 requires one).</summary>
    public bool OmitHost { get; init; }

    /// <summary>Close our sending side after the request: a body shorter than its Content-Length ends instead of hanging.</summary>
    public bool HalfClose { get; init; }

    public bool HasHeader(string name) => Headers.Any(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase));

    public RawRequest WithHeader(string name, string value) => this with { Headers = [.. Headers, new(name, value)] };

    public RawRequest WithoutHeader(string name) =>
        this with { Headers = [.. Headers.Where(header => !string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))] };

    /// <summary>The bytes to send. Content-Length is the body's length unless the headers frame the body themselves.</summary>
    public byte[] ToBytes(string host)
    {
        var head = new StringBuilder();
        head.Append(Method).Append(' ').Append(Target).Append(" HTTP/1.1\r\n");
        if (!OmitHost && !HasHeader("Host"))
        {
            head.Append("Host: ").Append(host).Append("\r\n");
        }

        foreach (var (name, value) in Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (!HasHeader("Connection"))
        {
            head.Append("Connection: close\r\n");
        }

        if (!HasHeader("Content-Length") && !HasHeader("Transfer-Encoding") && (Body.Length > 0 || Method is "POST" or "PUT" or "PATCH"))
        {
            head.Append("Content-Length: ").Append(Body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. Body];
    }

    /// <summary>A description precise enough to send the request again by hand.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(Method).Append(' ').Append(Printable(Target, 240));
        foreach (var (name, value) in Headers)
        {
            text.Append(" | ").Append(name).Append(": ").Append(name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ? Printable(value, 60) : Printable(value, 120));
        }

        if (OmitHost)
        {
            text.Append(" | (no Host)");
        }

        if (Body.Length > 0)
        {
            text.Append($" | body {Body.Length} bytes sha256:{Convert.ToHexStringLower(SHA256.HashData(Body))[..12]} ")
                .Append(Printable(Encoding.Latin1.GetString(Body, 0, Math.Min(Body.Length, 160)), 160));
        }

        if (HalfClose)
        {
            text.Append(" | (then half-closed)");
        }

        return text.ToString();
    }

    /// <summary>Control and non-ASCII bytes as \xNN, so a report line shows what was sent.</summary>
    public static string Printable(string text, int max)
    {
        var result = new StringBuilder();
        foreach (var c in text.Length > max ? text[..max] : text)
        {
            result.Append(c is >= ' ' and < (char)0x7f ? c.ToString() : $"\\x{(int)c:X2}");
        }

        return text.Length > max ? result.Append($"…(+{text.Length - max} chars)").ToString() : result.ToString();
    }
}

using System.Text;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>What came back for a <see cref="RawRequest"/>; status 0 when the server closed without answering.</summary>
public sealed record RawResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public static readonly RawResponse None = new(0, [], []);

    public string? Header(string name) =>
        Headers.Where(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value).FirstOrDefault();

    /// <summary>The media type of Content-Type, lower-case, without parameters.</summary>
    public string? MediaType => Header("Content-Type")?.Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>Kestrel's own answer to a request it could not parse: no Content-Type and no body.</summary>
    public bool IsBare => Header("Content-Type") is null && Body.Length == 0;

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>Parses the first response in <paramref name="bytes"/> (best effort: a cut-off response keeps what arrived).</summary>
    public static RawResponse Parse(byte[] bytes)
    {
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (bytes.Length == 0 || end < 0)
        {
            return None;
        }

        var lines = Encoding.Latin1.GetString(bytes, 0, end).Split("\r\n");
        var statusParts = lines[0].Split(' ', 3);
        if (statusParts.Length < 2 || !int.TryParse(statusParts[1], out var status))
        {
            return None;
        }

        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => new KeyValuePair<string, string>(parts[0].Trim(), parts[1].Trim()))
            .ToList();
        var body = bytes[(end + 4)..];
        if (status is >= 100 and < 200)
        {
            // An interim answer (100 Continue): the real one follows.
            return Parse(body);
        }

        var response = new RawResponse(status, headers, body);
        if (response.Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
        {
            return response with { Body = Dechunk(body) };
        }

        return int.TryParse(response.Header("Content-Length"), out var length) && length < body.Length
            ? response with { Body = body[..length] }
            : response;
    }

    private static byte[] Dechunk(byte[] body)
    {
        var result = new List<byte>();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = body.AsSpan(position).IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                break;
            }

            var sizeText = Encoding.ASCII.GetString(body, position, lineEnd).Split(';')[0];
            if (!int.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, null, out var size) || size == 0)
            {
                break;
            }

            position += lineEnd + 2;
            result.AddRange(body.AsSpan(position, Math.Min(size, body.Length - position)).ToArray());
            position += size + 2;
        }

        return [.. result];
    }
}

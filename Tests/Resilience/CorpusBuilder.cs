using System.Text;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// Builds the must-reject corpus from the route targets: each case breaks one part of a request
/// that would otherwise be accepted — a path segment, a query parameter, the body, a header, the
/// credentials or the method — and states what the answer may be. Reads may accept input they
/// ignore; writes must refuse every case, so any 2xx to a write is a finding.
/// </summary>
public sealed class CorpusBuilder(FuzzWorld world, Random random)
{
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "FUZZ"];

    /// <summary>How many samples a route's second and later targets get of a long list (the first gets all).</summary>
    private const int Sample = 8;

    /// <summary>How many refused cases are sent again with header abuse on top.</summary>
    private const int DecoratedCases = 1_500;

    /// <summary>Header bytes past which Kestrel may refuse a request (its limit here is 32 KiB, with the request line and Host besides).</summary>
    private const int HeaderLimitMargin = 30 * 1024;

    public IReadOnlyList<FuzzCase> Build(IReadOnlyList<RouteTarget> targets, IReadOnlyDictionary<string, IReadOnlySet<string>> methodsByTemplate, int minimum)
    {
        var cases = new List<FuzzCase>();
        var seen = new HashSet<string>();
        foreach (var target in targets)
        {
            var first = seen.Add(target.Route);
            cases.AddRange(PathAbuse(target, first));
            cases.AddRange(QueryAbuse(target));
            cases.AddRange(BodyAbuse(target));
            cases.AddRange(HeaderAbuse(target, first));
            cases.AddRange(AuthAbuse(target, first));
        }

        // An endpoint mapped for any method ("*", e.g. /metrics) has no foreign method.
        foreach (var (template, allowed) in methodsByTemplate.Where(route => !route.Value.Contains("*")))
        {
            cases.AddRange(MethodAbuse(targets.First(target => target.Template == template), allowed));
        }

        // Random systematic cases again, each with a piece of header abuse on top (every kind in turn).
        var refused = cases.Where(c => c.Expect == Expectation.MustReject && !c.ProtocolLevel).ToList();
        var decorated = Math.Max(DecoratedCases, minimum - cases.Count);
        for (var i = 0; i < decorated; i++)
        {
            var basis = refused[random.Next(refused.Count)];
            var decoration = Decoration.All[i % Decoration.All.Count];
            var request = decoration.Apply(basis.Request);
            // Big headers on top of a big token can pass Kestrel's 32 KiB header limit: a bare 431 is then fine.
            var overLimit = request.Headers.Sum(header => header.Key.Length + header.Value.Length + 4) > HeaderLimitMargin;
            cases.Add(basis with { Kind = $"{basis.Kind} +{decoration.Label}", Request = request, ProtocolLevel = decoration.ProtocolLevel || overLimit });
        }

        return [.. cases.Select((c, index) => c with { Index = index })];
    }

    private IEnumerable<FuzzCase> PathAbuse(RouteTarget target, bool first)
    {
        foreach (var (parameter, value) in target.PathValues)
        {
            foreach (var segment in Pick(HostileValues.Segments(value), first))
            {
                var caller = Caller(target);
                var request = Base(target, caller) with { Target = target.Path(parameter, segment.Raw) + target.QueryString() };
                // A dot segment is removed before routing: a read may land on another readable route.
                var expect = target.Safe && segment.DotSegment ? Expectation.MayAccept : Expectation.MustReject;
                yield return new(target.Route, $"path:{parameter}={segment.Label}", caller, request, expect, segment.ProtocolLevel);
            }
        }
    }

    private IEnumerable<FuzzCase> QueryAbuse(RouteTarget target)
    {
        foreach (var (parameter, values) in target.BadQuery)
        {
            foreach (var value in values)
            {
                var caller = Caller(target);
                var request = Base(target, caller) with { Target = target.Path() + target.QueryString(parameter, value) };
                yield return new(target.Route, $"query:{parameter}={RawRequest.Printable(value, 16)}", caller, request, Expectation.MustReject);
            }
        }

        if (!target.Safe)
        {
            yield break;
        }

        // Parameters nobody asked for: a read may ignore them, but never fail on them.
        string[] garbage =
        [
            "zz=%FF", "%FF=1", "zz=1&zz=2", "zz=" + new string('q', 6_000), "&&&==&", "zz=%00", "zz[]=1&zz[a]=2", "%E2%80%AE=1", "zz=%",
            .. HostileValues.InvalidUtf8Encoded.Select(value => "zz=" + value),
        ];
        foreach (var extra in garbage)
        {
            var query = target.QueryString();
            var caller = Caller(target);
            var request = Base(target, caller) with { Target = target.Path() + (query.Length == 0 ? "?" : query + "&") + extra };
            yield return new(target.Route, $"query:unknown={RawRequest.Printable(extra, 16)}", caller, request, Expectation.MayAccept);
        }

        var rawCaller = Caller(target);
        var raw = Base(target, rawCaller) with { Target = target.Path() + "?zz=\u00ff\u00fe" };
        yield return new(target.Route, "query:raw-non-ascii", rawCaller, raw, Expectation.MayAccept, ProtocolLevel: true);
    }

    private IEnumerable<FuzzCase> BodyAbuse(RouteTarget target)
    {
        IEnumerable<BodyCase> bodies = target switch
        {
            { Json: { } json } => JsonBodyMutations.Generate(json, random),
            { Csv: { } csv } => csv,
            { AlwaysRefused: true } => JsonBodyMutations.Generate(new(new() { ["name"] = "x" }, [], RequestLimits.MaxRequestBodyBytes) { WholeBodyChecked = true }, random),
            _ => [],
        };
        foreach (var body in bodies)
        {
            var caller = Caller(target);
            yield return new(target.Route, "body/" + body.Kind, caller, Base(target, caller, body.Body), Expectation.MustReject);
        }
    }

    private IEnumerable<FuzzCase> HeaderAbuse(RouteTarget target, bool first)
    {
        if (target.Json is not null)
        {
            string[] contentTypes =
            [
                "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/jsonx",
                "json", "application/", "/", ";;;", "application/json, text/plain", "text/json", "application/json-seq",
            ];
            foreach (var contentType in contentTypes)
            {
                var caller = Caller(target);
                var request = Base(target, caller).WithoutHeader("Content-Type").WithHeader("Content-Type", contentType);
                yield return new(target.Route, $"header/content-type={RawRequest.Printable(contentType, 24)}", caller, request, Expectation.MustReject);
            }

            var missingCaller = Caller(target);
            var missing = Base(target, missingCaller).WithoutHeader("Content-Type");
            yield return new(target.Route, "header/content-type-missing", missingCaller, missing, Expectation.MustReject);
            var twiceCaller = Caller(target);
            var twice = Base(target, twiceCaller).WithHeader("Content-Type", "text/plain");
            yield return new(target.Route, "header/content-type-twice-differing", twiceCaller, twice, Expectation.MustReject);
            if (!target.Json.WholeBodyChecked)
            {
                // Bound by the framework, which decodes by charset (the configuration API reads UTF-8 only).
                foreach (var contentType in new[] { "application/json; charset=bogus", "application/json; charset=utf-16", "application/json; charset=\"" })
                {
                    var caller = Caller(target);
                    var request = Base(target, caller).WithoutHeader("Content-Type").WithHeader("Content-Type", contentType);
                    yield return new(target.Route, $"header/content-type={contentType}", caller, request, Expectation.MustReject);
                }
            }

            foreach (var framing in Framing(target, first))
            {
                yield return framing;
            }
        }

        if (target.HonoursIfMatch)
        {
            string[] ifMatches =
            [
                "abc", "\"unterminated", "W/\"weak\"", "\"*\"", "\"\"", ",,,", "\"a\" \"b\"", "\"nope\"", "W/*", "\"a\",*x", "\"a\";q=1",
                string.Join(", ", Enumerable.Range(0, 500).Select(i => $"\"tag{i}\"")), "\"" + new string('e', 10_000) + "\"",
            ];
            foreach (var ifMatch in ifMatches)
            {
                var caller = Caller(target);
                yield return new(target.Route, $"header/if-match={RawRequest.Printable(ifMatch, 16)}", caller, Base(target, caller).WithHeader("If-Match", ifMatch), Expectation.MustReject);
            }

            var twoCaller = Caller(target);
            var twoTags = Base(target, twoCaller).WithHeader("If-Match", "\"a\"").WithHeader("If-Match", "\"b\"");
            yield return new(target.Route, "header/if-match-twice", twoCaller, twoTags, Expectation.MustReject);
            var rawCaller = Caller(target);
            var raw = Base(target, rawCaller).WithHeader("If-Match", "\"\u00ff\"");
            yield return new(target.Route, "header/if-match-non-ascii", rawCaller, raw, Expectation.MustReject, ProtocolLevel: true);
        }
    }

    /// <summary>Bodies whose framing lies: Content-Length against the bytes sent, broken chunked encoding.</summary>
    private IEnumerable<FuzzCase> Framing(RouteTarget target, bool first)
    {
        if (!first)
        {
            yield break;
        }

        // One caller for all: framing is refused before anyone's permissions matter.
        var caller = Caller(target);
        var body = Encoding.UTF8.GetBytes(target.Json!.Template.ToJsonString());
        RawRequest With(string contentLength) => Base(target, caller).WithHeader("Content-Length", contentLength);
        FuzzCase Case(string kind, RawRequest request, bool protocolLevel = true) => new(target.Route, "framing/" + kind, caller, request, Expectation.MustReject, protocolLevel);

        yield return Case("content-length-larger", With((body.Length + 100).ToString()) with { HalfClose = true });
        yield return Case("content-length-smaller", With((body.Length - 5).ToString()), protocolLevel: false);
        // Kestrel refuses a declared length over the limit as soon as the body is read: no need to send it.
        yield return Case("content-length-huge", With("1000000000"), protocolLevel: false);
        yield return Case("content-length-not-a-number", With("abc"));
        yield return Case("content-length-negative", With("-1"));
        yield return Case("content-length-overflow", With("99999999999999999999"));
        yield return Case("content-length-twice-differing", With(body.Length.ToString()).WithHeader("Content-Length", "3"));
        var truncated = body[..(body.Length / 2)];
        byte[] Chunked(byte[] bytes, string tail) => [.. Encoding.ASCII.GetBytes($"{bytes.Length:x}\r\n"), .. bytes, .. Encoding.ASCII.GetBytes("\r\n" + tail)];
        var chunkedHeaders = Base(target, caller).WithHeader("Transfer-Encoding", "chunked");
        yield return Case("chunked-truncated-json", chunkedHeaders with { Body = Chunked(truncated, "0\r\n\r\n") }, protocolLevel: false);
        yield return Case("chunked-bad-size", chunkedHeaders with { Body = Encoding.ASCII.GetBytes("zz\r\n{}\r\n0\r\n\r\n") });
        yield return Case("chunked-unterminated", chunkedHeaders with { Body = Chunked(body, ""), HalfClose = true });
        yield return Case("chunked-size-overflow", chunkedHeaders with { Body = Encoding.ASCII.GetBytes("ffffffffffffffffff\r\n{}\r\n0\r\n\r\n") });
        yield return Case("chunked-and-content-length", chunkedHeaders.WithHeader("Content-Length", "5") with { Body = Chunked(truncated, "0\r\n\r\n") });
        yield return Case("transfer-encoding-gzip-only", Base(target, caller).WithHeader("Transfer-Encoding", "gzip"));
        yield return Case("transfer-encoding-unknown", Base(target, caller).WithHeader("Transfer-Encoding", "fuzz, chunked") with { Body = Chunked(truncated, "0\r\n\r\n") });
    }

    private IEnumerable<FuzzCase> AuthAbuse(RouteTarget target, bool first)
    {
        var expect = target.Anonymous ? Expectation.MayAccept : Expectation.MustReject;
        foreach (var abuse in Pick(HostileTokens.For(world.Pair.PrimaryTenantId, world.AdminToken), first))
        {
            var caller = Caller(target);
            var request = Base(target, caller).WithoutHeader("Authorization");
            foreach (var line in abuse.Authorization)
            {
                request = request.WithHeader("Authorization", line);
            }

            if (abuse.Query is not null)
            {
                request = request with { Target = request.Target + (request.Target.Contains('?') ? "&" : "?") + abuse.Query };
            }

            yield return new(target.Route, $"auth/{abuse.Label}", caller, request, expect, abuse.ProtocolLevel);
        }

        if (!target.TenantScoped)
        {
            yield break;
        }

        foreach (var (label, token) in Pick(HostileTokens.MalformedTenants(world.Pair.PrimaryTenantId), first))
        {
            var request = Base(target, FuzzWorld.AdminCaller).WithoutHeader("Authorization").WithHeader("Authorization", "Bearer " + token);
            yield return new(target.Route, $"auth/{label}", "malformed-tenant", request, Expectation.MustReject);
        }
    }

    private IEnumerable<FuzzCase> MethodAbuse(RouteTarget target, IReadOnlySet<string> allowed)
    {
        var route = $"* {target.Template}";
        foreach (var method in Methods.Where(method => !allowed.Contains(method)))
        {
            var caller = Caller(target);
            var request = Base(target, caller) with { Method = method };
            yield return new(route, $"method/{method}", caller, request, Expectation.MustReject, ProtocolLevel: method == "CONNECT");
        }
    }

    /// <summary>The target's request as it would be accepted.</summary>
    private RawRequest Base(RouteTarget target, string caller, byte[]? body = null)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Authorization", "Bearer " + world.TokenOf(caller)) };
        if (target.Json is not null || target.Csv is not null)
        {
            headers.Add(new("Content-Type", target.Csv is not null ? "text/csv" : "application/json"));
        }

        return new RawRequest
        {
            Method = target.Method,
            Target = target.Path() + target.QueryString(),
            Headers = headers,
            Body = body ?? (target.Json is { } json ? Encoding.UTF8.GetBytes(json.Template.ToJsonString()) : target.Csv?[0].Body ?? []),
        };
    }

    private string Caller(RouteTarget target) =>
        target.Caller ?? (random.Next(4) == 0 ? FuzzWorld.OperatorCaller : FuzzWorld.AdminCaller);

    private IEnumerable<T> Pick<T>(IReadOnlyList<T> items, bool all) =>
        all ? items : items.OrderBy(_ => random.Next()).Take(Sample).ToList();
}

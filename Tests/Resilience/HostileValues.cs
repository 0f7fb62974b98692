namespace Orleans.Bcp.Tests.Resilience;

/// <summary>The hostile ids, query values and byte sequences the corpus is made of.</summary>
public static class HostileValues
{
    /// <summary>Ids for any path segment: traversal, encodings, odd characters, lengths.</summary>
    public static IReadOnlyList<HostileSegment> Segments(string validValue) =>
    [
        new("dot-dot", "..", DotSegment: true),
        new("dot", ".", DotSegment: true),
        new("pct-dot-dot", "%2e%2e", DotSegment: true),
        new("pct-DOT-DOT", "%2E%2E", DotSegment: true),
        new("dot-pct-dot", ".%2e", DotSegment: true),
        new("traversal-encoded-slash", "..%2F.."),
        new("traversal-to-etc-passwd", "..%2f..%2f..%2fetc%2fpasswd"),
        new("double-encoded-traversal", "%252e%252e%252f"),
        new("backslash-traversal", "..%5C..%5Cwindows"),
        new("raw-backslash", "..\\..\\x"),
        new("encoded-slash", "a%2Fb"),
        new("nul", "%00", ProtocolLevel: true),
        new("nul-inside", "abc%00def", ProtocolLevel: true),
        new("cr-lf", "a%0d%0aSet-Cookie:%20x=1", ProtocolLevel: true),
        new("space", "%20"),
        new("tab", "%09"),
        new("very-long", new string('a', 4_000)),
        new("request-line-over-limit", new string('a', 9_000), ProtocolLevel: true),
        new("just-over-id-length", new string('a', 65)),
        new("unicode", "%C3%BCn%C3%AFc%C3%B6d%C3%A9"),
        new("emoji", "%F0%9F%98%80"),
        new("rtl-override", "%E2%80%AEdi"),
        new("fullwidth-dots", "%EF%BC%8E%EF%BC%8E"),
        new("invalid-utf8-ff", "%FF%FE"),
        new("overlong-slash", "%C0%AF"),
        new("utf8-surrogate", "%ED%A0%80"),
        new("raw-utf8", "\u00c3\u00bc", ProtocolLevel: true),
        new("raw-high-byte", "\u00ff", ProtocolLevel: true),
        new("star", "*"),
        new("matrix-parameter", "x;y=z"),
        new("encoded-question", "%3Fx%3D1"),
        new("encoded-hash", "%23frag"),
        new("encoded-percent", "%25"),
        new("bad-percent", "%zz"),
        new("lone-percent", "%"),
        new("null-word", "null"),
        new("negative", "-1"),
        new("json-object", "%7B%7D"),
        new("route-template", "%7BtenantId%7D"),
        new("sql", "'%20OR%201=1--"),
        new("windows-device", "con"),
        new("leading-dash", "-abc"),
        new("unknown-well-formed", "0123456789abcdef0123456789abcdef"),
        new("upper-case-valid", validValue.ToUpperInvariant()),
        new("valid-with-suffix", validValue + "x"),
        new("valid-with-encoded-nul", validValue + "%00", ProtocolLevel: true),
        new("valid-with-encoded-slash", validValue + "%2F.."),
    ];

    /// <summary>Values for a whole-number query parameter (limit, pageSize) that must be refused.</summary>
    public static IReadOnlyList<string> BadNumbers { get; } =
    [
        "abc", "0", "-1", "", "%20", "1.5", "1e2", "%2B1", "0x10", "99999999999", "99999999999999999999999999999999",
        "%FF", "%00", "1%00", "%EF%BC%91", "%D9%A3", "1,2", "NaN", "Infinity", "%7B%7D", new string('9', 2_000), "${jndi:ldap://x}",
    ];

    /// <summary>Invalid UTF-8: lone bytes, overlong forms, surrogates, code points past U+10FFFF, cut-off sequences.</summary>
    public static IReadOnlyList<(string Label, byte[] Bytes)> InvalidUtf8 { get; } =
    [
        ("ff", [0xFF]),
        ("fe-ff", [0xFE, 0xFF]),
        ("lone-continuation", [0x80]),
        ("c3-28", [0xC3, 0x28]),
        ("overlong-slash", [0xC0, 0xAF]),
        ("overlong-nul", [0xC0, 0x80]),
        ("surrogate-d800", [0xED, 0xA0, 0x80]),
        ("past-10ffff", [0xF4, 0x90, 0x80, 0x80]),
        ("five-byte", [0xF8, 0x88, 0x80, 0x80, 0x80]),
        ("cut-off", [0xE2, 0x82]),
    ];

    /// <summary>Percent-encoded invalid UTF-8 for query strings.</summary>
    public static IReadOnlyList<string> InvalidUtf8Encoded { get; } =
        [.. InvalidUtf8.Select(sequence => string.Concat(sequence.Bytes.Select(b => $"%{b:X2}")))];

    /// <summary>Strings that are never valid text in a checked field: control characters, lone surrogates (as JSON escapes).</summary>
    public static IReadOnlyList<(string Label, string JsonString)> BadTextEscapes { get; } =
    [
        ("nul", "\"a\\u0000b\""),
        ("escape-char", "\"a\\u001bb\""),
        ("del", "\"a\\u007fb\""),
        ("newline", "\"a\\nb\""),
        ("lone-high-surrogate", "\"a\\ud800b\""),
        ("lone-low-surrogate", "\"\\udfff\""),
        ("reversed-surrogates", "\"\\udc00\\ud800\""),
    ];

    /// <summary>Unknown values for a lower-case string enum.</summary>
    public static IReadOnlyList<string> UnknownEnumValues { get; } =
    [
        "sideways", "", " ", "1", "-1", "0x1", "null", "undefined", "primary,bcp", "bcp|primary", "default,custom", "\uff42\uff43\uff50",
        "none,single", "ALL", "*", "bcp ", " primary", "custom\t",
    ];

    /// <summary>JSON values of every kind, for "wrong type" (each is wrong for some field).</summary>
    public static IReadOnlyList<(string Label, string Json, string JsonKind)> Values { get; } =
    [
        ("number", "42", "number"),
        ("negative", "-1", "number"),
        ("float", "3.14", "number"),
        ("huge-number", "1e999", "number"),
        ("huge-negative", "-1e999", "number"),
        ("long-integer", "123456789012345678901234567890123456789", "number"),
        ("tiny-number", "1e-400", "number"),
        ("true", "true", "bool"),
        ("false", "false", "bool"),
        ("string", "\"text\"", "string"),
        ("nan-string", "\"NaN\"", "string"),
        ("empty-string", "\"\"", "string"),
        ("array", "[]", "array"),
        ("array-of-numbers", "[1,2]", "array"),
        ("object", "{}", "object"),
        ("object-with-field", "{\"id\":\"x\"}", "object"),
    ];

    /// <summary>Bare tokens that are not JSON (NaN and friends, JavaScript words, single quotes).</summary>
    public static IReadOnlyList<string> NotJsonValues { get; } = ["NaN", "Infinity", "-Infinity", "undefined", "'text'", "True", "nul", "0x10", "+1", ".5", "01"];

    /// <summary>Bytes after a complete JSON value.</summary>
    public static IReadOnlyList<string> TrailingGarbage { get; } = ["}", "]", "x", ",", "{}", "\u0000", " // comment", "\n{\"a\":1}", "/*", "null"];
}

using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Api.Auth;

/// <summary>
/// The token signing keys configured now — <c>Auth:SigningKeys</c>, and <c>Auth:DevelopmentSigningKey</c> in
/// the Development environment — read again whenever the configuration reloads (a changed settings file, a
/// refreshed secret store), so a key is added or removed without a restart.
/// </summary>
/// <remarks>
/// <see cref="Current"/> is a new list exactly when the set of keys changed: <see cref="CachingTokenHandler"/>
/// honours a remembered token only under the very list it was validated with, so a token signed with a
/// removed key is refused as soon as the reload is seen. A key that is not valid on reload is left out (and
/// logged) rather than keeping the old set, so removing a key always takes effect.
/// </remarks>
internal sealed partial class SigningKeySet : IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly bool _development;
    private readonly ILogger<SigningKeySet> _logger;
    private readonly IDisposable _watch;
    private volatile Snapshot _current;

    public SigningKeySet(IConfiguration configuration, bool development, ILogger<SigningKeySet> logger)
    {
        _configuration = configuration;
        _development = development;
        _logger = logger;
        _current = Read();
        _watch = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    /// <summary>The keys in force; the same list until they change.</summary>
    public IReadOnlyList<SecurityKey> Current => _current.Keys;

    /// <summary>
    /// The keys <paramref name="options"/> configure; an invalid key throws, or (with <paramref name="invalid"/>)
    /// is reported and left out.
    /// </summary>
    public static List<(string Encoded, SecurityKey Key)> Configured(AuthOptions options, bool development, Action<int, Exception>? invalid = null)
    {
        var encoded = options.SigningKeys.ToList();
        // The development key is a convenience for `token`; it must never open a production API.
        if (development && options.DevelopmentSigningKey is { Length: > 0 } developmentKey)
        {
            encoded.Add(developmentKey);
        }

        var keys = new List<(string, SecurityKey)>();
        for (var i = 0; i < encoded.Count; i++)
        {
            try
            {
                keys.Add((encoded[i], SigningKeys.FromBase64(encoded[i])));
            }
            catch (InvalidOperationException ex) when (invalid is not null)
            {
                invalid(i, ex);
            }
        }

        return keys;
    }

    public void Dispose() => _watch.Dispose();

    private void Reload()
    {
        var next = Read();
        if (!next.Encoded.SequenceEqual(_current.Encoded, StringComparer.Ordinal))
        {
            _current = next;
            KeysChanged(_logger, next.Keys.Count);
        }
    }

    private Snapshot Read()
    {
        var options = AuthOptions.Read(_configuration);
        var keys = Configured(options, _development, (index, error) => KeyLeftOut(_logger, index, error.Message));
        return new Snapshot([.. keys.Select(key => key.Encoded)], [.. keys.Select(key => key.Key)]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token signing keys changed: {Count} in force; tokens remembered under the previous keys are validated again")]
    private static partial void KeysChanged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Token signing key {Index} is left out: {Reason}")]
    private static partial void KeyLeftOut(ILogger logger, int index, string reason);

    private sealed record Snapshot(string[] Encoded, IReadOnlyList<SecurityKey> Keys);
}

using System.Text;

namespace Orleans.Bcp.Grains.Config;

/// <summary>Usernames are unique case-insensitively: two usernames are the same when their keys are equal.</summary>
public static class UsernameKey
{
    /// <summary>Trimmed, composed (NFC) and lower-cased, so "Ichabod" and "ichabod " collide.</summary>
    /// <remarks>The username must be well-formed UTF-16 (no lone surrogates): normalisation throws otherwise.</remarks>
    public static string Normalize(string username) => username.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();

    public static bool AreSame(string? left, string? right) =>
        left is not null && right is not null && Normalize(left) == Normalize(right);
}

using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// One passkey verification's key derivation alone, with the product's parameters
/// (Grains/Pairs/Passkey.cs: PBKDF2-SHA256, 210,000 iterations, 16-byte salt, 32-byte hash —
/// copied here because that class is internal to Grains).
/// </summary>
internal static class Pbkdf2Probe
{
    public const int Iterations = 210_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static double MeasureMs(string passkey)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var normalized = Encoding.UTF8.GetBytes(new string([.. passkey.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant)]));
        var start = Stopwatch.GetTimestamp();
        Rfc2898DeriveBytes.Pbkdf2(normalized, salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Orleans.Bcp.Grains.Pairs;

/// <summary>
/// Passkeys: 160 random bits shown as grouped base32 (typable), stored only as a PBKDF2-SHA256
/// hash with a per-pair salt, compared in constant time.
/// </summary>
internal static class Passkey
{
    public const int Iterations = 210_000;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const int SecretBytes = 20;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const int GroupLength = 4;

    public static string Generate()
    {
        Span<byte> secret = stackalloc byte[SecretBytes];
        RandomNumberGenerator.Fill(secret);
        var encoded = new StringBuilder(SecretBytes * 8 / 5 * 5 / 4);
        var bits = 0;
        var buffer = 0;
        foreach (var value in secret)
        {
            buffer = (buffer << 8) | value;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                if (encoded.Length % (GroupLength + 1) == GroupLength)
                {
                    encoded.Append('-');
                }

                encoded.Append(Alphabet[(buffer >> bits) & 31]);
            }
        }

        return encoded.ToString();
    }

    public static PasskeyHash Hash(string passkey)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new PasskeyHash(Convert.ToBase64String(salt), Convert.ToBase64String(Derive(passkey, salt, Iterations)), Iterations);
    }

    public static bool Verify(string candidate, PasskeyHash stored)
    {
        var expected = Convert.FromBase64String(stored.Hash);
        var actual = Derive(candidate, Convert.FromBase64String(stored.Salt), stored.Iterations);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    // Case, spaces and dashes are not part of the secret: people type it from a printout.
    private static byte[] Derive(string passkey, byte[] salt, int iterations)
    {
        var normalized = new string([.. passkey.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant)]);
        return Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(normalized), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
    }
}

using Microsoft.IdentityModel.Tokens;

namespace Orleans.Bcp.Api.Http;

/// <summary>Turns configured base64 keys into signing keys; short keys are refused.</summary>
internal static class SigningKeys
{
    private const int MinimumKeyBytes = 32;

    public static SymmetricSecurityKey FromBase64(string base64)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("An Auth signing key is not valid base64.");
        }

        return bytes.Length >= MinimumKeyBytes
            ? new SymmetricSecurityKey(bytes)
            : throw new InvalidOperationException($"An Auth signing key must be at least {MinimumKeyBytes} bytes.");
    }
}

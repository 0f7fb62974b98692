using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orleans.Bcp.Api.Config;

/// <summary>
/// The address of a point of contact, by channel. Voice addresses are what the telephony router
/// looks up (spec §3.9), so they are stored in one form: E.164, without the spaces, dashes and
/// parentheses people type.
/// </summary>
internal static partial class ContactAddress
{
    public const string Voice = "voice";
    public const int MaxLength = 256;

    public static readonly IReadOnlyList<string> Channels = [Voice, "email", "chat", "sms"];

    public static void Validate(JsonObject data, string? channel, FieldErrors errors)
    {
        if (Fields.RequiredText(data, "address", MaxLength, errors) is not { } address || channel is null)
        {
            return;
        }

        switch (channel)
        {
            case Voice:
                var number = Separators().Replace(address, "");
                if (E164().IsMatch(number))
                {
                    data["address"] = number;
                }
                else
                {
                    errors.Add("address", "A voice address must be a phone number in E.164 form, such as +14155550123.");
                }

                break;
            case "email":
                var at = address.IndexOf('@');
                if (at <= 0 || at == address.Length - 1 || address.Any(char.IsWhiteSpace))
                {
                    errors.Add("address", "An email address must look like name@example.com.");
                }

                break;
        }
    }

    [GeneratedRegex(@"[\s\-()]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$")]
    private static partial Regex E164();
}

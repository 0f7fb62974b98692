using System.Text.Json.Nodes;

namespace Orleans.Bcp.Grains.Config;

/// <summary>
/// The address of a point of contact, by channel. Voice addresses are what the telephony router
/// looks up (docs/api.md), so they are stored in one form: E.164, without the spaces, dashes and
/// parentheses people type (<see cref="VoiceNumber"/>).
/// </summary>
public static class ContactAddress
{
    public const string Voice = VoiceNumber.Channel;
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
                if (VoiceNumber.Normalize(address) is { } number)
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
}

using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Silo.Config;

/// <summary>Which entity types carry a platform-wide unique field, and which.</summary>
internal sealed class UniqueFields(IUsernameIndex usernames, IVoiceAddressIndex voiceAddresses)
{
    private readonly UsernameField _username = new(usernames);
    private readonly VoiceAddressField _voiceAddress = new(voiceAddresses);

    public IUniqueField? For(string type) => type switch
    {
        EntityTypes.Users => _username,
        EntityTypes.PointsOfContact => _voiceAddress,
        _ => null,
    };
}

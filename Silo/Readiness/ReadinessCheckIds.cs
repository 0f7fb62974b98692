namespace Orleans.Bcp.Silo.Readiness;

/// <summary>The stable ids of the readiness checks, in the order a report lists them.</summary>
public static class ReadinessCheckIds
{
    public const string LastSync = "last-sync";
    public const string Drift = "drift";
    public const string VoicePointsOfContact = "voice-points-of-contact";
    public const string References = "references";
    public const string Scripts = "scripts";
    public const string BcpAccess = "bcp-access";
    public const string Stores = "stores";
}

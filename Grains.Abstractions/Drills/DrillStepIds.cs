namespace Orleans.Bcp.Grains.Abstractions.Drills;

/// <summary>The steps of a drill, in the order it runs them (docs/drills.md).</summary>
public static class DrillStepIds
{
    /// <summary>The passkey, checked as a switch checks it (a drill with a passkey only).</summary>
    public const string Passkey = "passkey";

    /// <summary>The readiness report's verdict and failing checks.</summary>
    public const string Readiness = "readiness";

    /// <summary>The login-options answer of every user of the primary tenant after the switch.</summary>
    public const string Logins = "logins";

    /// <summary>The voice-routing answer of every voice point of contact after the switch.</summary>
    public const string Routing = "routing";

    /// <summary>Every active silo answers a ping in time.</summary>
    public const string Nodes = "nodes";
}

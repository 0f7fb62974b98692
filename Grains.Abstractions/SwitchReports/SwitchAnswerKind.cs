namespace Orleans.Bcp.Grains.Abstractions.SwitchReports;

/// <summary>A hot read whose first answer after a switch the switch's report times.</summary>
public enum SwitchAnswerKind
{
    /// <summary>A login-options answer.</summary>
    LoginOptions = 0,

    /// <summary>A voice-routing answer.</summary>
    VoiceRouting = 1,
}

namespace Orleans.Bcp.Grains.Abstractions.Approvals;

/// <summary>Whether a passkey switch of a pair waits for a second person's approval, and how long a request waits.</summary>
/// <param name="Required">Whether a passkey switch becomes a switch request another user approves.</param>
/// <param name="WindowMinutes">How long a switch request can be approved (5 to 60 minutes).</param>
[GenerateSerializer, Immutable, Alias("bcp.ApprovalSettings")]
public sealed record ApprovalSettings(bool Required, int WindowMinutes)
{
    /// <summary>The shortest approval window.</summary>
    public const int MinWindowMinutes = 5;

    /// <summary>The longest approval window.</summary>
    public const int MaxWindowMinutes = 60;

    /// <summary>A pair that never set approval: not required, a 15-minute window.</summary>
    public static readonly ApprovalSettings Off = new(false, 15);
}

using Orleans.Bcp.Grains.Abstractions.Approvals;

namespace Orleans.Bcp.Api.Pairs;

/// <summary>A pair's two-person approval settings as the API shows them.</summary>
/// <param name="Required">Whether a passkey switch waits for a second person's approval.</param>
/// <param name="WindowMinutes">How long a switch request can be approved.</param>
public sealed record ApprovalDocument(bool Required, int WindowMinutes)
{
    public static ApprovalDocument From(ApprovalSettings settings) => new(settings.Required, settings.WindowMinutes);
}

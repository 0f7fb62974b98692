using System.Text.Json.Serialization;
using Orleans.Bcp.Grains.Abstractions.Approvals;

namespace Orleans.Bcp.Api.Pairs;

/// <summary>A pair's two-person approval settings as the API shows them.</summary>
/// <param name="Required">Whether a passkey switch waits for a second person's approval.</param>
/// <param name="WindowMinutes">How long a switch request can be approved.</param>
public sealed record ApprovalDocument(bool Required, int WindowMinutes)
{
    /// <summary>
    /// The pair's newest switch request, whatever its status (absent when there has been none), so a second person's
    /// console finds a pending request without knowing its id.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SwitchRequestDocument? LatestRequest { get; init; }

    public static ApprovalDocument From(ApprovalSettings settings, PairSwitchRequest? latest = null) =>
        new(settings.Required, settings.WindowMinutes) { LatestRequest = latest is null ? null : SwitchRequestDocument.From(latest) };
}

using System.Text.Json.Serialization;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Api.Pairs;

/// <summary>
/// The pair status as the API shows it. A switch adds its <c>outcome</c>; pair creation adds
/// the <c>passkey</c>, the only time it is ever shown.
/// </summary>
public sealed record PairStatusDocument(
    string PairId,
    TenantRef Primary,
    TenantRef Bcp,
    PairRole ActiveSide,
    string ActiveTenantId,
    string ActiveAccountName,
    long Epoch,
    LastSwitchDocument? LastSwitch,
    DateTimeOffset? SwitchLockedUntil,
    DateTimeOffset CreatedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SwitchOutcome? Outcome { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Passkey { get; init; }

    /// <summary>On a switch answered while the readiness verdict is not-ready: the failing check ids (docs/readiness.md).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? NotReadyChecks { get; init; }

    /// <summary>On a return to the primary: how many BCP changes the first sync overwrites or deletes, if counted in time (docs/failback.md).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? OverwritesBcpChanges { get; init; }

    /// <summary>Sync settings and last run; on the status read, not on switch answers.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SyncSummaryDocument? Sync { get; init; }

    public static PairStatusDocument From(PairStatus status) => new(
        status.PairId, status.Primary, status.Bcp, status.ActiveSide, status.ActiveTenantId, status.ActiveAccountName,
        status.Epoch, WithAccountName(LastSwitchDocument.From(status.LastSwitch, status.LastSwitchEffect), status), status.SwitchLockedUntil, status.CreatedAt);

    /// <summary>The pair names both its tenants, so who switched is named without a read.</summary>
    private static LastSwitchDocument? WithAccountName(LastSwitchDocument? last, PairStatus status) => last is null ? null
        : last with { ByAccountName = AccountNameOf(status, last.By.TenantId) };

    public static string? AccountNameOf(PairStatus status, string tenantId) => TenantOf(status, tenantId)?.AccountName;

    /// <summary>The pair's tenant of that id, or null (an operator's token names no tenant of the pair).</summary>
    public static TenantRef? TenantOf(PairStatus status, string tenantId) =>
        status.Primary.TenantId == tenantId ? status.Primary
        : status.Bcp.TenantId == tenantId ? status.Bcp
        : null;
}

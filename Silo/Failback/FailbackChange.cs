namespace Orleans.Bcp.Silo.Failback;

/// <summary>One entity changed on one side since the last sync, and what the first sync after the return does to it.</summary>
/// <param name="Type">The entity type (URL segment).</param>
/// <param name="BcpId">Its id in the BCP tenant, when it has one there.</param>
/// <param name="PrimaryId">Its id in the primary tenant, when it has one there.</param>
/// <param name="Name">Its name (or username), when it could be read.</param>
/// <param name="ChangedAt">When it changed, if known: the stores keep no time per entity, so null today.</param>
/// <param name="ChangedBy">Who changed it, if known: configuration edits are not audited, so null today.</param>
/// <param name="Change">Created, changed or deleted since the last sync.</param>
/// <param name="SyncWill">What the first sync after the return does to it.</param>
public sealed record FailbackChange(
    string Type, string? BcpId, string? PrimaryId, string? Name, DateTimeOffset? ChangedAt, string? ChangedBy, FailbackChangeKind Change, FailbackSyncWill SyncWill);

namespace Orleans.Bcp.Silo.Failback;

/// <summary>How an entity differs from what the last sync left.</summary>
public enum FailbackChangeKind
{
    Created,
    Changed,
    Deleted,
}

namespace Orleans.Bcp.Silo.Failback;

/// <summary>What the first sync after the return does to a changed entity (Grains/Sync/SyncEngine.cs).</summary>
public enum FailbackSyncWill
{
    /// <summary>The copy is written again from the primary (a BCP edit is lost, a BCP delete undone).</summary>
    Overwrite,

    /// <summary>The copy is deleted (a point of contact: deactivated) since its primary entity is gone; held first when it was edited in the BCP tenant.</summary>
    Delete,

    /// <summary>The sync does not touch it (an entity only the BCP tenant has).</summary>
    Leave,

    /// <summary>A primary entity the sync copies for the first time.</summary>
    Create,
}

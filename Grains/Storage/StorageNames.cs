namespace Orleans.Bcp.Grains.Storage;

/// <summary>Names of the configured stores.</summary>
public static class StorageNames
{
    /// <summary>Control state of pairs (active side, epoch, lockout, audit): must stay reachable in a regional outage.</summary>
    public const string Control = "control";
}

namespace Orleans.Bcp.Grains.Sync;

/// <summary>
/// The primary's listing of a type could not be read: the run stops before it writes or deletes anything, since a
/// listing it cannot read proves nothing gone. The message names no store address.
/// </summary>
public sealed class PrimaryUnreadableException(string type, string region, Exception inner)
    : Exception($"The primary tenant's {type} could not be listed from the store of region {region}; nothing was written or deleted.", inner)
{
    /// <summary>The run report's error code.</summary>
    public const string Code = "primary-unreadable";
}

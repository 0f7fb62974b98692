namespace Orleans.Bcp.Silo.Storage;

/// <summary>Section <c>Storage</c>: the default store, and stores configured by name (e.g. <c>control</c>, a region).</summary>
public sealed class StorageOptions
{
    public StoreOptions Default { get; set; } = new();

    public Dictionary<string, StoreOptions> Stores { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The first store setting out of range (<see cref="StoreOptions.OutOfRange"/>), naming its key, or null.</summary>
    public string? FirstOutOfRange() =>
        Default.OutOfRange("Storage:Default")
            ?? Stores.Select(store => store.Value.OutOfRange($"Storage:Stores:{store.Key}")).FirstOrDefault(message => message is not null);
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>The configured stores, each behind one shared <see cref="WriteTap"/>.</summary>
public sealed class TappedStoreProvider : IObjectStoreProvider
{
    private readonly IObjectStoreProvider _inner;
    private readonly Dictionary<IObjectStore, IObjectStore> _tapped;

    /// <param name="inner">The configured stores.</param>
    /// <param name="tap">The tap every store's writes pass.</param>
    /// <param name="batches">Whether a store that writes batches in one transaction keeps doing so (<see cref="TappedBatchStore"/>); otherwise every write is single.</param>
    public TappedStoreProvider(IObjectStoreProvider inner, WriteTap tap, bool batches = false)
    {
        _inner = inner;
        _tapped = inner.All.Select(entry => entry.Store).Distinct().ToDictionary(
            store => store, store => batches && store is IBatchObjectStore batch ? new TappedBatchStore(batch, tap) : (IObjectStore)new TappedStore(store, tap));
        All = [.. inner.All.Select(entry => (entry.Name, _tapped[entry.Store]))];
    }

    public IReadOnlyList<(string Name, IObjectStore Store)> All { get; }

    public IReadOnlyCollection<string> RegionsSharingDefault => _inner.RegionsSharingDefault;

    public IObjectStore Get(string name) => _tapped[_inner.Get(name)];

    /// <summary>Replaces the host's store provider with a tapped one (keeping batch writes when <paramref name="batches"/>).</summary>
    public static Action<IServiceCollection> Install(WriteTap tap, bool batches = false) => services =>
        services.Replace(ServiceDescriptor.Singleton<IObjectStoreProvider>(sp => new TappedStoreProvider(
            new ObjectStoreProvider(sp.GetRequiredService<IOptions<StorageOptions>>()), tap, batches)));
}

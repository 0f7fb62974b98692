using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>The configured stores, each behind one shared <see cref="WriteTap"/>.</summary>
public sealed class TappedStoreProvider : IObjectStoreProvider
{
    private readonly IObjectStoreProvider _inner;
    private readonly Dictionary<IObjectStore, TappedStore> _tapped;

    public TappedStoreProvider(IObjectStoreProvider inner, WriteTap tap)
    {
        _inner = inner;
        _tapped = inner.All.Select(entry => entry.Store).Distinct().ToDictionary(store => store, store => new TappedStore(store, tap));
        All = [.. inner.All.Select(entry => (entry.Name, (IObjectStore)_tapped[entry.Store]))];
    }

    public IReadOnlyList<(string Name, IObjectStore Store)> All { get; }

    public IReadOnlyCollection<string> RegionsSharingDefault => _inner.RegionsSharingDefault;

    public IObjectStore Get(string name) => _tapped[_inner.Get(name)];

    /// <summary>Replaces the host's store provider with a tapped one.</summary>
    public static Action<IServiceCollection> Install(WriteTap tap) => services =>
        services.Replace(ServiceDescriptor.Singleton<IObjectStoreProvider>(sp => new TappedStoreProvider(
            new ObjectStoreProvider(sp.GetRequiredService<IOptions<StorageOptions>>()), tap)));
}

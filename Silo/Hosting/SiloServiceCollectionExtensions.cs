using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Runtime;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Audit;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Pairs;
using Orleans.Bcp.Grains.Tenants;
using Orleans.Bcp.Silo.Audit;
using Orleans.Bcp.Silo.Config;
using Orleans.Bcp.Silo.Runtime;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Hosting;

/// <summary>Registers the grain runtime, the stores and every grain of the product.</summary>
public static class SiloServiceCollectionExtensions
{
    /// <summary>Pair state may be this old when read; a switch on another silo shows here within it (spec: 1 s).</summary>
    public static readonly TimeSpan PairStateMaxAge = TimeSpan.FromMilliseconds(500);

    public static IServiceCollection AddBcpSilo(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>().BindConfiguration("Storage");
        services.AddOptions<GrainRuntimeOptions>().BindConfiguration("Silo:Grains");
        services.AddSingleton<IObjectStoreProvider, ObjectStoreProvider>();
        services.AddSingleton<GrainRuntime>();
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.AddSingleton<IAuditLog, StoreAuditLog>();
        services.AddSingleton<ITenantConfiguration, StoreTenantConfiguration>();
        services.AddSingleton<IUsernameIndex, UsernameIndex>();

        services.AddGrain<ITenantGrain, TenantGrain>(PairStateMaxAge);
        services.AddGrain<ITenantPairGrain, TenantPairGrain>(PairStateMaxAge);
        return services;
    }

    public static IServiceCollection AddGrain<TInterface, TImplementation>(this IServiceCollection services, TimeSpan? maxStateAge = null)
        where TInterface : IGrainWithStringKey
        where TImplementation : class, TInterface =>
        services.AddSingleton(new GrainRegistration(typeof(TInterface), typeof(TImplementation), maxStateAge));
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Bcp.Grains.Abstractions.Correlations;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Abstractions.Runtime;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Audit;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Correlations;
using Orleans.Bcp.Grains.Pairs;
using Orleans.Bcp.Grains.Runtime;
using Orleans.Bcp.Grains.Sync;
using Orleans.Bcp.Grains.Tenants;
using Orleans.Bcp.Silo.Access;
using Orleans.Bcp.Silo.Audit;
using Orleans.Bcp.Silo.Config;
using Orleans.Bcp.Silo.Correlations;
using Orleans.Bcp.Silo.Diagnostics;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.Login;
using Orleans.Bcp.Silo.Reminders;
using Orleans.Bcp.Silo.Routing;
using Orleans.Bcp.Silo.Runtime;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Silo.Sync;

namespace Orleans.Bcp.Silo.Hosting;

/// <summary>Registers the grain runtime, the stores and every grain of the product.</summary>
public static class SiloServiceCollectionExtensions
{
    /// <summary>Pair state may be this old when read; a switch on another silo shows here within it (spec: 1 s).</summary>
    public static readonly TimeSpan PairStateMaxAge = TimeSpan.FromMilliseconds(500);

    /// <summary>Sync state is shared by the silos that start runs and those that read the history.</summary>
    public static readonly TimeSpan SyncStateMaxAge = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Correlations are read fresh on every call: a run on one silo must never plan against another
    /// silo's older copy (that would create duplicates). Runs read each bucket once, so it is cheap.
    /// </summary>
    public static readonly TimeSpan CorrelationStateMaxAge = TimeSpan.Zero;

    /// <summary>Entries of the short-lived hot-path lookups on one silo (synced copies, unknown numbers, region outages).</summary>
    public const long HotPathCacheEntries = 2_000_000;

    public static IServiceCollection AddBcpSilo(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>().BindConfiguration("Storage");
        services.AddOptions<GrainRuntimeOptions>().BindConfiguration("Silo:Grains");
        services.AddSingleton<IObjectStoreProvider, ObjectStoreProvider>();
        services.AddSingleton<GrainRuntime>();
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.AddMetrics();
        services.AddSingleton<BcpMetrics>();
        services.AddSingleton<IAuditLog, StoreAuditLog>();
        services.AddSingleton<ChangeStamps>();
        services.AddSingleton<ITenantConfiguration, StoreTenantConfiguration>();
        services.AddSingleton<IUsernameIndex, UsernameIndex>();
        services.AddSingleton<IVoiceAddressIndex, VoiceAddressIndex>();
        services.AddSingleton<BcpAccessCounter>();

        // Hot read paths remember a few things briefly; the bound keeps memory flat under a storm.
        services.AddMemoryCache(options => options.SizeLimit = HotPathCacheEntries);
        services.AddSingleton<BcpCopies>();
        services.AddSingleton<LoginDirectory>();
        services.AddSingleton<VoiceRouter>();

        services.AddOptions<ReminderOptions>().BindConfiguration("Silo:Reminders");
        services.AddSingleton<ReminderTable>();
        services.AddSingleton<IReminderRegistry>(sp => sp.GetRequiredService<ReminderTable>());
        services.AddSingleton<SyncEngine>();
        services.AddSingleton<SyncRunner>();
        services.AddSingleton<ScriptChecklistBuilder>();
        services.AddSingleton<IReminderHandler, SyncReminderHandler>();
        services.AddSingleton<ReminderService>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderService>());

        services.AddGrain<ITenantGrain, TenantGrain>(PairStateMaxAge);
        services.AddGrain<ITenantPairGrain, TenantPairGrain>(PairStateMaxAge);
        services.AddGrain<ISyncReminderGrain, SyncReminderGrain>(SyncStateMaxAge);
        services.AddGrain<IEntityGrain, EntityGrain>(CorrelationStateMaxAge);
        return services;
    }

    public static IServiceCollection AddGrain<TInterface, TImplementation>(this IServiceCollection services, TimeSpan? maxStateAge = null)
        where TInterface : IGrainWithStringKey
        where TImplementation : class, TInterface =>
        services.AddSingleton(new GrainRegistration(typeof(TInterface), typeof(TImplementation), maxStateAge));
}

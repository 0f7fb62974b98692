using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Bcp.Grains.Audit;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Drills;
using Orleans.Bcp.Grains.Pairs;
using Orleans.Bcp.Grains.Sync;
using Orleans.Bcp.Grains.Tenants;
using Orleans.Bcp.Silo.Access;
using Orleans.Bcp.Silo.Audit;
using Orleans.Bcp.Silo.Config;
using Orleans.Bcp.Silo.Correlations;
using Orleans.Bcp.Silo.Diagnostics;
using Orleans.Bcp.Silo.Drills;
using Orleans.Bcp.Silo.Failback;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.Login;
using Orleans.Bcp.Silo.Pairs;
using Orleans.Bcp.Silo.Readiness;
using Orleans.Bcp.Silo.Routing;
using Orleans.Bcp.Silo.Search;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Silo.SwitchReports;
using Orleans.Bcp.Silo.Sync;
using Orleans.Bcp.Silo.Webhooks;
using Orleans.Providers;

namespace Orleans.Bcp.Silo.Hosting;

/// <summary>The product's services on a silo, next to Orleans: stores, tenant configuration, sync worker, hot paths.</summary>
public static class BcpServiceCollectionExtensions
{
    /// <summary>Entries of the short-lived hot-path lookups on one silo (synced copies, unknown numbers, region outages).</summary>
    public const long HotPathCacheEntries = 2_000_000;

    public static IServiceCollection AddBcpServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>().BindConfiguration("Storage");
        services.AddOptions<SyncOptions>().BindConfiguration("Sync").Validate(
            options => options.CheckPeriod > TimeSpan.Zero && TimeSpan.FromDays(1).Ticks % options.CheckPeriod.Ticks == 0,
            "Sync:CheckPeriod must divide a day (e.g. 00:05:00).").Validate(
            options => options.SwitchPause >= TimeSpan.Zero, "Sync:SwitchPause must not be negative.").Validate(
            options => options.DeleteGuard.MaxShare is >= 0 and <= 1 && options.DeleteGuard.MaxCount >= 0,
            "Sync:DeleteGuard:MaxShare must be from 0 to 1 and Sync:DeleteGuard:MaxCount must not be negative.").ValidateOnStart();
        services.AddSingleton<IObjectStoreProvider, ObjectStoreProvider>();
        services.AddMetrics();
        services.AddSingleton<BcpMetrics>();
        services.AddSingleton<IAuditLog, StoreAuditLog>();
        services.AddSingleton<ChangeStamps>();
        services.AddSingleton<ITenantConfiguration, StoreTenantConfiguration>();
        services.AddSingleton<IUsernameIndex, UsernameIndex>();
        services.AddSingleton<IVoiceAddressIndex, VoiceAddressIndex>();
        services.AddSingleton<EntityWriter>();
        services.AddSingleton<UserBcpTypes>();
        services.AddSingleton<BcpAccessCounter>();
        services.AddSingleton<PairSetup>();
        services.AddSingleton<PairSwitcher>();
        services.AddSingleton<SwitchApprovals>();

        // Hot read paths remember a few things briefly; the bound keeps memory flat under a storm.
        services.AddMemoryCache(options => options.SizeLimit = HotPathCacheEntries);
        services.AddOptions<PairStateOptions>().BindConfiguration("PairState").Validate(
            options => options.MaxAge > TimeSpan.Zero && options.MaxAge <= TenantPairGrain.SubscriptionLifetime / 2,
            "PairState:MaxAge must be positive and at most half a minute (pair subscriptions lapse after a minute).").Validate(
            options => options.Capacity > 0 && options.AbsentCapacity > 0, "PairState:Capacity and PairState:AbsentCapacity must be positive.").ValidateOnStart();
        services.AddOptions<KeptEntriesOptions>().BindConfiguration("KeptEntries").Validate(
            options => options.LoginMaxBytes > 0, "KeptEntries:LoginMaxBytes must be a positive number of bytes (e.g. 268435456 for 256 MiB).").Validate(
            options => options.NumberMaxBytes > 0, "KeptEntries:NumberMaxBytes must be a positive number of bytes (e.g. 67108864 for 64 MiB).").Validate(
            options => options.ReadinessMaxBytes > 0, "KeptEntries:ReadinessMaxBytes must be a positive number of bytes (e.g. 67108864 for 64 MiB).").ValidateOnStart();
        services.AddSingleton<StoredGrainState>();
        services.AddSingleton<NameDirectory>();
        services.AddSingleton<ITenantDirectory>(sp => sp.GetRequiredService<NameDirectory>());
        services.AddSingleton<UserNames>();
        services.AddSingleton<PairStateCache>();
        services.AddKeyedSingleton<IControllable, PairCreatedNotice>(PairCreatedNotice.Name);
        services.AddHostedService<PairStateMembershipWatch>();
        services.AddSingleton<BcpCopies>();
        services.AddSingleton<LoginDirectory>();
        services.AddSingleton<VoiceRouter>();
        services.AddSingleton<FirstAnswers>();
        services.AddSingleton<SwitchReportRecorder>();

        services.AddSingleton<SwitchPriority>();
        services.AddSingleton<PasskeyHashing>();
        services.AddSingleton<SyncEngine>();
        services.AddSingleton<SyncRunner>();
        services.AddSingleton<SyncSummaries>();
        services.AddSingleton<ISyncWorker>(sp => sp.GetRequiredService<SyncRunner>());
        services.AddSingleton<ScriptChecklistBuilder>();
        services.AddBcpWebhooks();

        services.AddOptions<ReadinessOptions>().BindConfiguration("Readiness").Validate(
            options => options.MaxAge >= TimeSpan.Zero && options.ReadTimeout > TimeSpan.Zero && options.SwitchWait >= TimeSpan.Zero,
            "Readiness:MaxAge and Readiness:SwitchWait must not be negative and Readiness:ReadTimeout must be positive.").Validate(
            options => options.MaxChecksAtOnce > 0, "Readiness:MaxChecksAtOnce must be at least 1.").ValidateOnStart();
        services.AddSingleton<KeptListings>();
        services.AddSingleton<ISyncListings>(sp => sp.GetRequiredService<KeptListings>());
        services.AddSingleton<KeptCorrelations>();
        services.AddSingleton<KeptFacts>();
        services.AddSingleton<KeptChecks>();
        services.AddSingleton<ReadinessGatherer>();
        services.AddSingleton<PairReadiness>();

        services.AddOptions<DrillOptions>().BindConfiguration("Drills").Validate(
            options => options.CheckPeriod > TimeSpan.Zero, "Drills:CheckPeriod must be positive.").ValidateOnStart();
        services.AddSingleton<DrillReadiness>();
        services.AddSingleton<DrillLogins>();
        services.AddSingleton<DrillRouting>();
        services.AddSingleton<DrillNodes>();
        services.AddSingleton<PairDriller>();
        services.AddSingleton<IDrillRunner>(sp => sp.GetRequiredService<PairDriller>());
        services.AddSingleton<FailbackService>();
        services.AddSingleton<FailbackCount>();
        return services;
    }
}

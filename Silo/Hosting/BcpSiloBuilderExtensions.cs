using System.Net;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Silo.Search;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Silo.Storage.Blob;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.Hosting;

namespace Orleans.Bcp.Silo.Hosting;

/// <summary>
/// The one silo configuration, shared by the Api (co-hosted silo) and Silo.Host (headless silo):
/// clustering, grain storage and reminders for the profile its control store names (docs/architecture.md).
/// </summary>
public static class BcpSiloBuilderExtensions
{
    /// <summary>Gateway port 0: no Orleans client can connect; the product has none outside its silos.</summary>
    private const int NoGateway = 0;

    public static ISiloBuilder AddBcp(this ISiloBuilder silo, IConfiguration configuration)
    {
        var cluster = configuration.GetSection("Cluster").Get<BcpClusterOptions>() ?? new BcpClusterOptions();
        var storage = configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        var control = storage.Stores.GetValueOrDefault(StorageNames.Control) ?? storage.Default;
        var controlKey = storage.Stores.ContainsKey(StorageNames.Control) ? $"Storage:Stores:{StorageNames.Control}" : "Storage:Default";
        if (storage.FirstOutOfRange() is { } outOfRange)
        {
            throw new OptionsValidationException("Storage", typeof(StoreOptions), [outOfRange]);
        }

        silo.Services.AddBcpServices();
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = cluster.ServiceId;
        });
        switch (control.Provider.ToLowerInvariant())
        {
            case "sqlite":
                UseEmbedded(silo, cluster);
                ClusterTls.Apply(silo, cluster.Tls, required: false);
                break;
            case "blob":
                UseAzure(silo, cluster, control, controlKey);
                ClusterTls.Apply(silo, cluster.Tls, required: true);
                break;
            default:
                throw new OptionsValidationException(
                    controlKey, typeof(StoreOptions), [$"{controlKey}:Provider is '{control.Provider}'; expected sqlite (embedded) or blob (azure)."]);
        }

        silo.AddStartupTask<ClusterTransportLog>();

        // Failure detection and reminder timing from configuration, over the profile's defaults (tests detect a dead silo faster still).
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection("Cluster:Membership"));
        silo.Services.Configure<ReminderOptions>(configuration.GetSection("Cluster:Reminders"));
        // Grains cold once a pair is set up leave memory sooner than the rest (Orleans' options override).
        IdleCollection.Validate(cluster.ColdGrainsCollectionAge, configuration.GetSection("Cluster:Collection"));
        silo.Services.Configure<GrainCollectionOptions>(options => IdleCollection.Apply(options, cluster.ColdGrainsCollectionAge));
        silo.Services.Configure<GrainCollectionOptions>(configuration.GetSection("Cluster:Collection"));

        if (cluster.Dashboard)
        {
            silo.AddDashboard();
        }

        return silo;
    }

    /// <summary>
    /// One node on SQLite: membership in memory, grain state and reminders in the control store's file. It
    /// listens on loopback only, with no client gateway (gateway port 0).
    /// </summary>
    private static void UseEmbedded(ISiloBuilder silo, BcpClusterOptions cluster)
    {
        var primary = cluster.PrimarySiloPort is { } port ? new IPEndPoint(IPAddress.Loopback, port) : null;
        silo.UseLocalhostClustering(cluster.SiloPort, NoGateway, primary, cluster.ServiceId, cluster.ClusterId);
        silo.Services.AddGrainStorage(StorageNames.Control, (services, _) => new ObjectStoreGrainStorage(
            services.GetRequiredService<IObjectStoreProvider>().Get(StorageNames.Control), new TextJsonGrainStorageSerializer()));
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable, ObjectStoreReminderTable>();
        // Releases before Orleans kept reminders of their own: re-register the daily sync of every enabled pair.
        silo.AddStartupTask<SyncScheduleRestore>();
        // Tenants and pairs of releases before the directory, or whose entry a failing store lost: findable again.
        silo.AddStartupTask<DirectoryBackfill>();
    }

    /// <summary>A cluster on Azure Storage (Azurite in development): Table membership and reminders, Blob grain state.</summary>
    private static void UseAzure(ISiloBuilder silo, BcpClusterOptions cluster, StoreOptions control, string controlKey)
    {
        var (blobs, tables) = CreateClients(control, controlKey);
        silo.Services.Configure<ClusterMembershipOptions>(OutageMembership.Apply);
        silo.UseAzureStorageClustering(options => options.TableServiceClient = tables);
        silo.UseAzureTableReminderService(options => options.TableServiceClient = tables);
        silo.AddAzureBlobGrainStorage(StorageNames.Control, options =>
        {
            options.BlobServiceClient = blobs;
            options.ContainerName = $"{control.Container}-grains";
            options.GrainStorageSerializer = new TextJsonGrainStorageSerializer();
        });
        // No gateway, and the silo port on the advertised address only: Orleans listens on a random,
        // broken port when gateway 0 is combined with listening on every address.
        var advertised = string.IsNullOrEmpty(cluster.AdvertisedAddress) ? null : IPAddress.Parse(cluster.AdvertisedAddress);
        if (advertised is null)
        {
            silo.ConfigureEndpoints(cluster.SiloPort, NoGateway);
        }
        else
        {
            silo.ConfigureEndpoints(advertised, cluster.SiloPort, NoGateway);
        }
    }

    private static (BlobServiceClient Blobs, TableServiceClient Tables) CreateClients(StoreOptions control, string controlKey)
    {
        var blobOptions = StorageClientSettings.Apply(new BlobClientOptions(), control.MaxConnections, control.NetworkTimeout);
        var tableOptions = StorageClientSettings.Apply(new TableClientOptions(), control.MaxConnections, control.NetworkTimeout);

        if (!string.IsNullOrEmpty(control.ConnectionString))
        {
            return (new BlobServiceClient(control.ConnectionString, blobOptions), new TableServiceClient(control.ConnectionString, tableOptions));
        }

        if (control.ServiceUri is not { } serviceUri)
        {
            throw new OptionsValidationException(controlKey, typeof(StoreOptions),
                [$"The azure profile needs {controlKey}:ConnectionString, or {controlKey}:ServiceUri (with a managed identity)."]);
        }

        // Without a connection string the silo signs in as itself (managed identity, workload identity, CLI).
        var credential = new DefaultAzureCredential();
        var tableUri = control.TableServiceUri ?? new Uri(serviceUri.AbsoluteUri.Replace(".blob.", ".table.", StringComparison.OrdinalIgnoreCase));
        return (new BlobServiceClient(serviceUri, credential, blobOptions), new TableServiceClient(tableUri, credential, tableOptions));
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Audit;
using Orleans.Bcp.Grains.Tenants;
using Orleans.Configuration;

namespace Orleans.Bcp.Silo.Hosting;

/// <summary>
/// How long an idle activation stays in memory, by grain type. Making a pair activates its two tenants' grains and its
/// audit grain besides its pair grain, about 2.6 KB of heap each (docs/benchmarks.md, "What a pair weighs on a node"),
/// and Orleans keeps an idle activation for 15 minutes: a node that sets up pairs at 10 a second held some 12 KB per
/// pair made in the last quarter of an hour. The tenant and audit grains are cold once the pair exists (the hot paths
/// read tenants from what the node keeps, Silo/Freshness/PairStateCache.cs, renewing every
/// <c>PairState:MaxAge</c> while in use, which keeps a tenant in use active), so they go after
/// <see cref="BcpClusterOptions.ColdGrainsCollectionAge"/>. The pair grain keeps Orleans' age: it pushes switches to
/// the silos that keep its state and tracks their acknowledgements, which a deactivation would cut short.
/// <c>Cluster:Collection</c> (Orleans' <see cref="GrainCollectionOptions"/>) overrides each value.
/// </summary>
public static class IdleCollection
{
    /// <summary>The grain classes cold once their pair is set up.</summary>
    public static readonly IReadOnlyList<Type> ColdGrains = [typeof(TenantGrain), typeof(PairAuditGrain)];

    /// <summary>Orleans refuses an age not above its collection quantum, naming a grain class; this names the setting.</summary>
    public static void Validate(TimeSpan coldAge, IConfiguration collection)
    {
        var quantum = collection.GetValue(nameof(GrainCollectionOptions.CollectionQuantum), GrainCollectionOptions.DEFAULT_COLLECTION_QUANTUM);
        if (coldAge <= quantum)
        {
            throw new OptionsValidationException("Cluster:ColdGrainsCollectionAge", typeof(BcpClusterOptions),
                [$"Cluster:ColdGrainsCollectionAge ({coldAge}) must exceed Cluster:Collection:CollectionQuantum ({quantum}): Orleans collects once a quantum."]);
        }
    }

    public static void Apply(GrainCollectionOptions options, TimeSpan coldAge)
    {
        foreach (var grain in ColdGrains)
        {
            options.ClassSpecificCollectionAge[grain.FullName!] = coldAge;
        }
    }
}

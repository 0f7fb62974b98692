using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Caching;
using Orleans.Bcp.Silo.Freshness;

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>
/// The <see cref="EntityFacts"/> of the entities the readiness checks look into (points of contact, users,
/// agent settings, script copies), kept on this silo per entity and version. A report lists the types
/// (ids and ETags) and reads only the entities whose version it has not seen: after the first report a
/// poll reads no document at all unless something changed, instead of a full copy of the tenant per request.
/// </summary>
/// <remarks>
/// Bounded by bytes (<see cref="KeptEntriesOptions.ReadinessFactBytes"/>, <see cref="KeptEntriesOptions.ReadinessFactSetBytes"/>):
/// when full, what was not used lately is dropped, and read again from the store.
/// </remarks>
public sealed class KeptFacts(ITenantConfiguration configuration, IOptions<KeptEntriesOptions> options)
{
    private const int ReadParallelism = 16;

    // A slot whose key holds three references and whose value two: 24 bytes more than a one-reference pair's. The key's id
    // is the listing's string, counted with the listing (KeptListings).
    private const int FactSlot = HeapSizes.DictionarySlot + 24;

    // What a user's facts weigh with a username of about 30 characters, for the room a report's reads will need.
    private const int TypicalFactWeight = 256;

    private readonly BoundedMap<(string TenantId, string Type, string Id), (string ETag, EntityFacts Facts)> _kept =
        new(options.Value.ReadinessFactBytes, weightOf: kept => FactSlot + HeapSizes.Of(kept.ETag) + kept.Facts.Weight);

    /// <summary>
    /// Per tenant and type, the last complete set and the listing it was made for: the same listing (a kept one, or equal) gets
    /// the same set back. A set holds its facts and its listing for as long as it is kept, whether or not the facts' map
    /// and <see cref="KeptListings"/> still keep them, so it weighs them all (counted once, when it is made).
    /// </summary>
    private readonly BoundedMap<(string TenantId, string Type), KeptSet> _sets = new(options.Value.ReadinessFactSetBytes, weightOf: kept => kept.Weight);

    /// <summary>The bytes the kept facts and sets weigh now (at most the two bounds' sum).</summary>
    public long KeptBytes => _kept.Held + _sets.Held;

    /// <summary>
    /// The facts of every listed entity, reading those not kept at their listed version; reads not done within
    /// <paramref name="timeout"/> are left out (they are kept when they finish, for the next report).
    /// </summary>
    public async Task<FactSet> GetAsync(
        TenantLocation tenant, string type, IReadOnlyDictionary<string, string> versions, TimeSpan timeout)
    {
        if (_sets.TryGetValue((tenant.TenantId, type), out var last) && SameVersions(last.Versions, versions))
        {
            return last.Set;
        }

        var facts = new Dictionary<string, EntityFacts>(StringComparer.Ordinal);
        var missing = new List<KeyValuePair<string, string>>();
        foreach (var (id, etag) in versions)
        {
            if (_kept.TryGetValue((tenant.TenantId, type, id), out var kept) && kept.ETag == etag)
            {
                facts[id] = kept.Facts;
            }
            else
            {
                missing.Add(KeyValuePair.Create(id, etag));
            }
        }

        if (missing.Count == 0)
        {
            return KeepSet(tenant, type, versions, new FactSet(facts, Complete: true));
        }

        // Room made, if need be, before the reads rather than amid them, so this report's reads stay kept.
        _kept.MakeRoomFor(HeapSizes.Capped((long)missing.Count * TypicalFactWeight));

        var read = new ConcurrentDictionary<string, EntityFacts>(StringComparer.Ordinal);
        var reading = Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism }, async (entry, _) =>
        {
            if (await configuration.GetAsync(tenant, type, entry.Key) is { } document)
            {
                var entity = EntityFacts.Of(type, document.Data);
                _kept.Set((tenant.TenantId, type, entry.Key), (document.ETag, entity));
                read[entry.Key] = entity;
            }
        });
        var complete = true;
        try
        {
            await reading.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            complete = false;
            // Left to finish in the background; a failure then is nobody's to see.
            _ = reading.ContinueWith(static task => task.Exception, TaskScheduler.Default);
        }

        foreach (var (id, entity) in read)
        {
            facts[id] = entity;
        }

        // An entity deleted between listing and reading has no facts, and is not missed.
        return complete ? KeepSet(tenant, type, versions, new FactSet(facts, Complete: true)) : new FactSet(facts, Complete: false);
    }

    private static bool SameVersions(IReadOnlyDictionary<string, string> kept, IReadOnlyDictionary<string, string> versions) =>
        ReferenceEquals(kept, versions)
        || (kept.Count == versions.Count && versions.All(version => kept.TryGetValue(version.Key, out var etag) && etag == version.Value));

    private FactSet KeepSet(TenantLocation tenant, string type, IReadOnlyDictionary<string, string> versions, FactSet set)
    {
        _sets.Set((tenant.TenantId, type), new KeptSet(versions, set, WeightOf(versions, set)));
        return set;
    }

    private static int WeightOf(IReadOnlyDictionary<string, string> versions, FactSet set)
    {
        var weight = KeptListings.WeightOf(versions) + HeapSizes.Table;
        foreach (var facts in set.Facts.Values)
        {
            weight += HeapSizes.DictionaryEntry + facts.Weight;
        }

        return HeapSizes.Capped(weight);
    }

    /// <summary>A complete set with the listing it was made for, and what both weigh.</summary>
    private sealed record KeptSet(IReadOnlyDictionary<string, string> Versions, FactSet Set, int Weight);
}

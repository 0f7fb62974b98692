using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Abstractions.Correlations;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Pairs;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>
/// One-way copy of configuration from the primary to the BCP tenant. Crash-safe: a new
/// BCP id is first recorded as an intent, then the entity is written under that id, then the
/// correlation is completed — so a run killed anywhere and run again makes no duplicate and leaves
/// no orphan. Idempotent: an entity whose primary and BCP versions are those last synced is not
/// even read, nothing is written when nothing changed, and a type whose change stamps did not move on either side is not
/// even listed again (<see cref="ISyncListings"/>). Fenced: every batch of writes, and every write (a store transaction
/// that creates a batch of copies at once is one), first asks the run's <see cref="IRunFence"/>, so a run stops writing once the pair switched or another run took it over. Second to
/// a switch: every step (a listing, a read, a write, a bucket of correlations) first waits for the switches under way on
/// this node (<see cref="SwitchPriority"/>), up to <c>Sync:SwitchPause</c>.
/// </summary>
public sealed class SyncEngine(
    ITenantConfiguration configuration, ISyncListings listings, IGrainFactory grains, SwitchPriority priority, IOptions<SyncOptions> options)
{
    private const int Parallelism = 16;

    /// <summary>Copies written between two full fence checks (the sync grain's included); each write checks what the silo keeps.</summary>
    private const int WriteBatch = 64;

    /// <summary>
    /// Batches in flight at once where creates go in batches: one, since the store takes one writer at a time anyway, and
    /// one batch of twice the copies costs one transaction and one stamp bump where two cost two (two batches of half
    /// the size measured the same within the machine's noise: docs/benchmarks.md, "Initial sync in batches").
    /// </summary>
    private const int BatchParallelism = 1;

    /// <summary>
    /// Copies in one batch transaction: with <see cref="BatchParallelism"/> of them in flight, at most <see cref="Parallelism"/>
    /// copies are past their fence check and not yet written at any time, as with that many single writes.
    /// </summary>
    private const int CreateBatch = Parallelism / BatchParallelism;

    /// <param name="plan">What to copy.</param>
    /// <param name="heartbeat">Called after each type: the run is alive.</param>
    /// <param name="progress">Counted as the run goes: every selected type is planned first, then done entity by entity.</param>
    /// <param name="fence">Asked before every write: throws <see cref="RunFencedException"/> once the run may no longer write.</param>
    /// <param name="cancellationToken">Stops the run between steps.</param>
    public async Task<SyncResult> RunAsync(SyncPlan plan, Func<Task> heartbeat, SyncProgress progress, IRunFence fence, CancellationToken cancellationToken)
    {
        // Every type's correlations: references and script ids resolve through them, also for types this run leaves out.
        await SecondToSwitchesAsync(cancellationToken);
        var loaded = await Task.WhenAll(EntityTypes.InSyncOrder.Select(type => CorrelationSet.LoadAsync(grains, plan.PairId, type.Name)));
        var sets = EntityTypes.InSyncOrder.Zip(loaded).ToDictionary(pair => pair.First.Name, pair => pair.Second);
        var selected = EntityTypes.InSyncOrder.Where(type => plan.Types.Contains(type.Name)).ToList();

        // The primary is listed once, up front, so the run's progress knows every type's size from the start.
        var listed = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        foreach (var type in selected)
        {
            await SecondToSwitchesAsync(cancellationToken);
            listed[type.Name] = await ListPrimaryAsync(plan, type.Name);
            progress.Plan(type.Name, listed[type.Name].Count);
        }

        var counts = new Dictionary<string, TypeCounts>();
        var warnings = new List<SyncWarning>();
        var deletes = new DeleteGuard(options.Value.DeleteGuard, plan.ApprovedDeletes);
        foreach (var type in selected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            counts[type.Name] = await SyncTypeAsync(plan, type, listed[type.Name], sets, deletes, warnings, progress, fence, cancellationToken);
            progress.Complete(type.Name);
            await heartbeat();
        }

        if (plan.RewriteScriptIds && counts.ContainsKey(EntityTypes.Scripts))
        {
            // Scripts were copied before the users and points of contact they may name; now that every
            // correlation exists, rewrite again (writes only the scripts whose content changes).
            var again = await SyncTypeAsync(
                plan, EntityTypes.Find(EntityTypes.Scripts)!, listed[EntityTypes.Scripts], sets, deletes, [], new SyncProgress(), fence, cancellationToken);
            var first = counts[EntityTypes.Scripts];
            counts[EntityTypes.Scripts] = first with { Updated = first.Updated + again.Updated, Unchanged = first.Unchanged - again.Updated };
        }

        var held = deletes.Held;
        warnings.AddRange(held.SelectMany(type => type.PrimaryIds.Select(id => new SyncWarning(type.Type, id, type.Reason, null, null))));
        return new SyncResult(counts, warnings) { HeldDeletes = held };
    }

    /// <summary>The primary's listing of a type; one that cannot be read stops the run before anything is written or deleted.</summary>
    private async Task<IReadOnlyDictionary<string, string>> ListPrimaryAsync(SyncPlan plan, string type)
    {
        try
        {
            return await listings.ListVersionsAsync(plan.Primary, type);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new PrimaryUnreadableException(type, plan.Primary.Region, ex);
        }
    }

    private async Task<TypeCounts> SyncTypeAsync(
        SyncPlan plan,
        EntityTypeInfo type,
        IReadOnlyDictionary<string, string> primaryVersions,
        Dictionary<string, CorrelationSet> sets,
        DeleteGuard deletes,
        List<SyncWarning> warnings,
        SyncProgress progress,
        IRunFence fence,
        CancellationToken cancellationToken)
    {
        var set = sets[type.Name];
        await SecondToSwitchesAsync(cancellationToken);
        var bcpVersions = await listings.ListVersionsAsync(plan.Bcp, type.Name);
        var rewriteScripts = plan.RewriteScriptIds && type.Name == EntityTypes.Scripts;

        // Only entities that changed on either side since the last sync are read.
        var toRead = primaryVersions
            .Where(primary => rewriteScripts || !IsUnchanged(set, primary.Key, primary.Value, bcpVersions))
            .Select(primary => primary.Key)
            .ToList();
        var documents = new ConcurrentDictionary<string, EntityDocument?>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(toRead, Options(cancellationToken), async (id, token) =>
        {
            await SecondToSwitchesAsync(token);
            documents[id] = await configuration.GetAsync(plan.Primary, type.Name, id);
        });

        var writes = new List<PlannedWrite>();
        var refreshed = new List<Correlation>();
        var gone = set.ByPrimaryId.Values.Where(c => !primaryVersions.ContainsKey(c.PrimaryId)).ToList();
        var copies = set.ByPrimaryId.Count;
        var unchanged = primaryVersions.Count - toRead.Count;
        progress.Advance(type.Name, unchanged);
        var skipped = 0;
        foreach (var id in toRead)
        {
            set.ByPrimaryId.TryGetValue(id, out var correlation);
            var document = documents[id];
            if (document is null || IsNonVoiceContact(type, document.Data))
            {
                // Deleted since listing, or a point of contact that is not (or no longer) voice.
                skipped += document is null ? 0 : 1;
                if (correlation is not null)
                {
                    gone.Add(correlation);
                }

                continue;
            }

            var copy = ReferenceRemapper.Remap(type, id, document.Data, (target, primaryId) => sets[target].BcpIdOf(primaryId), warnings);
            if (copy is null)
            {
                skipped++;
                continue;
            }

            if (rewriteScripts && copy["content"] is JsonValue content && content.TryGetValue<string>(out var text))
            {
                copy["content"] = ScriptIds.Rewrite(text, token => BcpIdOfAnyType(sets, token));
            }

            var hash = ContentHash.Of(copy);
            var bcpETag = correlation is null ? null : bcpVersions.GetValueOrDefault(correlation.BcpId);
            if (correlation is null)
            {
                writes.Add(new PlannedWrite(id, NewBcpId(type), copy, document.ETag, hash, IsNew: true));
            }
            else if (!correlation.IsComplete || correlation.ContentHash != hash || correlation.BcpETag != bcpETag)
            {
                writes.Add(new PlannedWrite(id, correlation.BcpId, copy, document.ETag, hash, IsNew: false));
            }
            else
            {
                unchanged++;
                if (correlation.PrimaryETag != document.ETag)
                {
                    refreshed.Add(correlation with { PrimaryETag = document.ETag });
                }
            }
        }

        // What needs no write is done; each write counts as it completes.
        progress.Advance(type.Name, toRead.Count - writes.Count);

        // 1. Reserve BCP ids (intent), 2. write the copies under them, 3. complete the correlations. A fence stops the
        // run between any two of them (and between copies): the intents already recorded make the next run reuse the ids.
        var intents = writes.Where(w => w.IsNew).Select(w => new Correlation(w.PrimaryId, w.BcpId, null, null, null)).ToList();
        if (intents.Count > 0)
        {
            await fence.BeforeBatchAsync();
            await set.ApplyAsync(intents, []);
        }

        var completed = new ConcurrentBag<Correlation>(refreshed);
        try
        {
            // Creates under an id with no copy known go to a store that takes them in batches (SQLite) a batch per transaction;
            // those that found a copy after all (an interrupted run's), and every replace, are written one by one.
            var single = writes;
            if (configuration.CreatesInBatches(plan.Bcp))
            {
                single = [.. writes.Where(write => bcpVersions.ContainsKey(write.BcpId))];
                single.AddRange(await CreateInBatchesAsync(
                    plan.Bcp, type.Name, [.. writes.Where(write => !bcpVersions.ContainsKey(write.BcpId))], completed, progress, fence, cancellationToken));
            }

            // One loop (no pause in the parallelism between batches); the write opening each batch makes the full check first.
            await Parallel.ForEachAsync(single.Select((write, index) => (write, index)), Options(cancellationToken), async (item, token) =>
            {
                await SecondToSwitchesAsync(token);
                var (write, index) = item;
                if (index % WriteBatch == 0)
                {
                    await fence.BeforeBatchAsync();
                }

                var etag = await UpsertAsync(plan.Bcp, type.Name, write.BcpId, write.Data, bcpVersions.GetValueOrDefault(write.BcpId), fence);
                completed.Add(new Correlation(write.PrimaryId, write.BcpId, write.PrimaryETag, write.Hash, etag));
                progress.Advance(type.Name, 1);
            });
        }
        catch (RunFencedException fenced) when (fenced.Reason != SyncCancelReason.TakenOver && !completed.IsEmpty)
        {
            // Stopped by a switch, this run still owns the pair's bookkeeping: the copies it made are recorded (no BCP
            // tenant write), so the next run does not write them again. A run taken over leaves that to the run that took over.
            await set.ApplyAsync([.. completed], []);
            throw;
        }
        if (!completed.IsEmpty)
        {
            await fence.BeforeBatchAsync();
            await set.ApplyAsync([.. completed], []);
        }

        var removed = deletes.Decide(type.Name, copies, primaryVersions.Count, gone,
            correlation => correlation.BcpETag is not null && bcpVersions.TryGetValue(correlation.BcpId, out var now) && now != correlation.BcpETag);
        await fence.BeforeBatchAsync();
        await RemoveAsync(plan, type, set, removed, fence, cancellationToken);
        var created = writes.Count(w => w.IsNew);
        return new TypeCounts(created, writes.Count - created, removed.Count, unchanged, skipped);
    }

    /// <summary>The BCP copy of an entity gone from the primary is deleted; a point of contact is deactivated instead.</summary>
    private async Task RemoveAsync(
        SyncPlan plan, EntityTypeInfo type, CorrelationSet set, IReadOnlyList<Correlation> gone, IRunFence fence, CancellationToken cancellationToken)
    {
        if (gone.Count == 0)
        {
            return;
        }

        await Parallel.ForEachAsync(gone, Options(cancellationToken), async (correlation, token) =>
        {
            await SecondToSwitchesAsync(token);
            for (var attempt = 0; ; attempt++)
            {
                if (await configuration.GetAsync(plan.Bcp, type.Name, correlation.BcpId) is not { } copy)
                {
                    return;
                }

                // Every attempt: a delete in a tenant that went live is the harm the fence exists for.
                await fence.BeforeWriteAsync();
                try
                {
                    if (type.Name == EntityTypes.PointsOfContact)
                    {
                        var inactive = copy.Data.DeepClone().AsObject();
                        inactive["active"] = false;
                        await configuration.ReplaceAsync(plan.Bcp, type.Name, correlation.BcpId, inactive, copy.ETag);
                    }
                    else
                    {
                        await configuration.DeleteAsync(plan.Bcp, type.Name, correlation.BcpId, copy.ETag);
                    }

                    return;
                }
                catch (ConfigConflictException) when (attempt < 3)
                {
                    // Edited in the BCP tenant meanwhile: read again and retry.
                }
            }
        });
        await set.ApplyAsync([], [.. gone.Select(c => c.PrimaryId)]);
    }

    /// <summary>
    /// Creates copies <see cref="CreateBatch"/> at a time, each batch in one store transaction: the full fence check before
    /// the batch that opens every <see cref="WriteBatch"/> copies, and the silo's check last thing before every batch's
    /// transaction, which is the write of every copy in it (a single write is preceded by the same). The check is not made
    /// inside the transaction: it may call the sync grain, whose own state write would then wait on the store's write lock
    /// that the transaction holds. A batch that fails is not written at all: its ids stay intents, which the next run
    /// creates again.
    /// </summary>
    /// <returns>The writes whose id was taken after all (an interrupted run's copy): to be written one by one.</returns>
    private async Task<List<PlannedWrite>> CreateInBatchesAsync(
        TenantLocation tenant,
        string type,
        List<PlannedWrite> creates,
        ConcurrentBag<Correlation> completed,
        SyncProgress progress,
        IRunFence fence,
        CancellationToken cancellationToken)
    {
        var taken = new ConcurrentBag<PlannedWrite>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = BatchParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(creates.Chunk(CreateBatch).Select((batch, index) => (batch, index)), options, async (item, token) =>
        {
            await SecondToSwitchesAsync(token);
            var (batch, index) = item;
            if (index * CreateBatch % WriteBatch == 0)
            {
                await fence.BeforeBatchAsync();
            }

            var created = await configuration.CreateManyAsync(tenant, type, [.. batch.Select(write => (write.BcpId, write.Data))], fence.BeforeWriteAsync);
            for (var i = 0; i < batch.Length; i++)
            {
                if (created[i] is { } document)
                {
                    completed.Add(new Correlation(batch[i].PrimaryId, batch[i].BcpId, batch[i].PrimaryETag, batch[i].Hash, document.ETag));
                }
                else
                {
                    taken.Add(batch[i]);
                }
            }

            progress.Advance(type, batch.Length - created.Count(document => document is null));
        });
        return [.. taken];
    }

    /// <summary>Writes the copy under its BCP id: create when none is known, else replace at the listed version.</summary>
    private async Task<string> UpsertAsync(TenantLocation tenant, string type, string id, JsonObject data, string? knownETag, IRunFence fence)
    {
        for (var attempt = 0; ; attempt++)
        {
            // Every attempt: a retry after a conflict is the write that would overwrite an edit made in a live BCP tenant.
            await fence.BeforeWriteAsync();
            try
            {
                return knownETag is null
                    ? (await configuration.CreateAsync(tenant, type, id, data)).ETag
                    : (await configuration.ReplaceAsync(tenant, type, id, data, knownETag)).ETag;
            }
            catch (ConfigConflictException) when (attempt < 3)
            {
                // Written by an interrupted run, or edited in the BCP tenant meanwhile: the primary wins.
                knownETag = (await configuration.GetAsync(tenant, type, id))?.ETag;
            }
        }
    }

    /// <summary>Before a step: waits while a switch is under way on this node, at most <c>Sync:SwitchPause</c>.</summary>
    private ValueTask SecondToSwitchesAsync(CancellationToken cancellationToken) => priority.YieldAsync(options.Value.SwitchPause, cancellationToken);

    private static bool IsUnchanged(CorrelationSet set, string primaryId, string primaryETag, IReadOnlyDictionary<string, string> bcpVersions) =>
        set.ByPrimaryId.TryGetValue(primaryId, out var correlation)
        && correlation.IsComplete
        && correlation.PrimaryETag == primaryETag
        && correlation.BcpETag == bcpVersions.GetValueOrDefault(correlation.BcpId);

    /// <summary>A new id for a BCP copy; a singleton (business-unit settings) keeps its fixed id in every tenant.</summary>
    private static string NewBcpId(EntityTypeInfo type) => type.Singleton ? EntityTypes.SingletonId : Guid.NewGuid().ToString("N");

    private static bool IsNonVoiceContact(EntityTypeInfo type, JsonObject data) =>
        type.Name == EntityTypes.PointsOfContact && data["channel"]?.GetValue<string>() != "voice";

    private static string? BcpIdOfAnyType(Dictionary<string, CorrelationSet> sets, string token) =>
        sets.Values.Select(set => set.BcpIdOf(token)).FirstOrDefault(id => id is not null);

    private static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };

    private sealed record PlannedWrite(string PrimaryId, string BcpId, JsonObject Data, string PrimaryETag, string Hash, bool IsNew);
}

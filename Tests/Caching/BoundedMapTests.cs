using Orleans.Bcp.Silo.Caching;

namespace Orleans.Bcp.Tests.Caching;

/// <summary>
/// The one bounded map every silo cache keeps its values in: two generations, turned when a value would pass the capacity
/// (or the young one half of it), so what was read since the last turn survives the next; by entry or by weight.
/// </summary>
[TestClass]
public sealed class BoundedMapTests
{
    [TestMethod]
    public void PastHalfTheCapacity_ItTurns_AndAKeyReadSinceTheLastTurnSurvivesTheNextWhileOneNotReadIsDropped()
    {
        var map = new BoundedMap<string, int>(4, StringComparer.Ordinal);
        map.Set("a", 1);
        map.Set("b", 2);
        map.Set("b", 20);
        Assert.AreEqual(2, map.Count, "replacing a kept key adds nothing");

        map.Set("c", 3);
        Assert.AreEqual(3, map.Count, "the first turn drops an old generation that was empty: nothing is lost");
        Assert.IsTrue(map.TryGetValue("a", out var a), "a, old now, is read");
        Assert.AreEqual(1, a);

        map.Set("d", 4);

        Assert.IsTrue(map.ContainsKey("a"), "read since the last turn: kept through this one");
        Assert.IsFalse(map.ContainsKey("b"), "not read since the last turn: dropped with the old generation");
        Assert.IsTrue(map.TryGetValue("c", out var c));
        Assert.AreEqual(3, c);
        Assert.IsTrue(map.TryGetValue("d", out var d));
        Assert.AreEqual(4, d);
        Assert.AreEqual(3, map.Held);
    }

    [TestMethod]
    public void ContainsKey_IsNotAUse()
    {
        var map = new BoundedMap<string, int>(4, StringComparer.Ordinal);
        map.Set("a", 1);
        map.Set("b", 2);
        map.Set("c", 3);
        Assert.IsTrue(map.ContainsKey("a"));

        map.Set("d", 4);
        map.Set("e", 5);

        Assert.IsFalse(map.ContainsKey("a"), "checked, not read: dropped at the turn as if not asked for");
        Assert.IsTrue(map.ContainsKey("c"));
    }

    [TestMethod]
    public void ABoundBelowTheWorkingSet_KeepsAKeyReadBetweenWrites_WhereEmptyingWouldLoseIt()
    {
        var map = new BoundedMap<int, int>(100);
        map.Set(-1, -1);
        for (var i = 0; i < 10_000; i++)
        {
            map.Set(i, i);
            Assert.IsTrue(map.TryGetValue(-1, out var hot), $"the key read after every write was dropped at write {i}");
            Assert.AreEqual(-1, hot);
            Assert.IsTrue(map.Held <= 100, $"{map.Held} held after write {i}");
        }

        Assert.IsTrue(map.Count >= 50, $"{map.Count} kept: at least the young half");
    }

    [TestMethod]
    public void Removed_FreesRoom_FromEitherGeneration()
    {
        var map = new BoundedMap<string, int>(4, StringComparer.Ordinal);
        map.Set("a", 1);
        map.Set("b", 2);
        Assert.IsTrue(map.TryRemove("a"));
        Assert.IsFalse(map.TryRemove("b", 99), "removed only while it holds that value");

        map.Set("c", 3);

        Assert.IsTrue(map.ContainsKey("b"), "a removal made room: nothing was turned");
        Assert.IsTrue(map.ContainsKey("c"));

        map.Set("d", 4);
        map.Set("e", 5);
        Assert.IsTrue(map.ContainsKey("b") && map.ContainsKey("c"), "old now");
        Assert.IsTrue(map.TryRemove("b"), "removed from the old generation");
        Assert.IsTrue(map.TryRemove("c", 3), "removed from the old generation while it holds that value");
        Assert.IsFalse(map.TryGetValue("b", out _));
        Assert.IsFalse(map.TryGetValue("c", out _));
        Assert.AreEqual(2, map.Held);
        Assert.AreEqual(2, map.Count);
    }

    [TestMethod]
    public void AddOrUpdate_AddsOrChangesTheKeptValue_AndTryUpdateOnlyWhileUnchanged()
    {
        var map = new BoundedMap<string, int>(10, StringComparer.Ordinal);
        map.AddOrUpdate("a", 1, kept => kept + 10);
        map.AddOrUpdate("a", 1, kept => kept + 10);
        Assert.IsTrue(map.TryGetValue("a", out var a));
        Assert.AreEqual(11, a);

        Assert.IsFalse(map.TryUpdate("a", 5, comparison: 1));
        Assert.IsTrue(map.TryUpdate("a", 5, comparison: 11));
        Assert.IsTrue(map.TryGetValue("a", out a));
        Assert.AreEqual(5, a);
    }

    [TestMethod]
    public void AnEntryInTheOldGeneration_IsUpdatedOnlyWhileUnchanged_AndMovesToTheYoungOne()
    {
        var map = new BoundedMap<string, int>(4, StringComparer.Ordinal);
        map.Set("a", 1);
        map.Set("b", 2);
        map.Set("c", 3);

        // a and b are old now.
        Assert.IsFalse(map.TryUpdate("a", 5, comparison: 99));
        Assert.IsTrue(map.TryUpdate("a", 5, comparison: 1));
        Assert.AreEqual(3, map.Held, "moved, not added");

        map.Set("d", 4);

        Assert.IsFalse(map.ContainsKey("b"), "not used since the last turn: dropped at this one");
        Assert.IsTrue(map.TryGetValue("a", out var a), "updated since the last turn: kept through this one");
        Assert.AreEqual(5, a);

        // c is old now.
        map.AddOrUpdate("c", 0, kept => kept + 10);
        map.Set("e", 5);
        map.Set("f", 6);

        Assert.IsTrue(map.TryGetValue("c", out var c), "updated from the old generation since the last turn: kept through this one");
        Assert.AreEqual(13, c);
        Assert.IsTrue(map.Held <= 4, $"{map.Held} held");
    }

    [TestMethod]
    public void Weighted_IsBoundedByWhatTheValuesHold()
    {
        var map = new BoundedMap<string, int[]>(10, StringComparer.Ordinal, weightOf: value => value.Length);
        map.Set("a", new int[2]);
        map.Set("b", new int[2]);
        map.Set("a", new int[1]);
        Assert.AreEqual(3, map.Held, "a replaced value's weight was given back");

        map.Set("c", new int[3]);
        Assert.AreEqual(6, map.Held, "3 would take the young half past 5: turned, the old generation was empty");
        Assert.AreEqual(3, map.Count);

        map.Set("d", new int[5]);

        Assert.AreEqual(8, map.Held, "a and b dropped with the old generation, c old, d young");
        Assert.IsFalse(map.ContainsKey("a"));
        Assert.IsTrue(map.ContainsKey("c") && map.ContainsKey("d"));
    }

    [TestMethod]
    public void Weighted_AHeavierValueOrOneHeavierThanTheCapacity_NeverLeavesItAboveTheCapacity()
    {
        var map = new BoundedMap<string, int[]>(10, StringComparer.Ordinal, weightOf: value => value.Length);
        map.Set("a", new int[4]);
        map.Set("b", new int[4]);
        Assert.AreEqual(8, map.Held);

        map.Set("a", new int[7]);
        Assert.IsTrue(map.Held <= 10, $"{map.Held} held after a heavier update");
        Assert.IsTrue(map.TryGetValue("a", out var a), "the updated value is kept; what did not fit beside it was dropped");
        Assert.AreEqual(7, a.Length);

        map.Set("c", new int[11]);
        Assert.IsFalse(map.ContainsKey("c"), "a value heavier than the capacity is not kept");
        Assert.IsTrue(map.ContainsKey("a"), "and nothing else is dropped for it");
        Assert.AreEqual(7, map.Held);

        map.Set("a", new int[11]);
        Assert.IsFalse(map.ContainsKey("a"), "a kept key given a value heavier than the capacity is no longer kept");
        Assert.AreEqual(0, map.Held);
    }

    [TestMethod]
    public void MakeRoomFor_TurnsOnlyWhenTheBatchWouldNotFit_AndThenTheBatchIsKeptWhole()
    {
        var map = new BoundedMap<string, int>(6, StringComparer.Ordinal);
        map.Set("a", 1);
        map.Set("b", 2);

        map.MakeRoomFor(1);
        Assert.AreEqual(2, map.Count);

        map.MakeRoomFor(5);
        Assert.AreEqual(0, map.Count, "5 more fit only in an empty map");
        foreach (var key in new[] { "c", "d", "e", "f", "g" })
        {
            map.Set(key, 0);
        }

        Assert.AreEqual(5, map.Count, "no value of the batch was dropped while it was added");
    }

    [TestMethod]
    public async Task ConcurrentWriters_NeverHoldMoreThanTheCapacity()
    {
        const int capacity = 1_000;
        var map = new BoundedMap<int, int>(capacity);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(() =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                map.Set((writer * 50_000) + i, i);
                map.TryRemove(((writer * 50_000) + i) / 2);
            }
        })));

        Assert.IsTrue(map.Count <= capacity, $"{map.Count} held");
        Assert.AreEqual(map.Count, map.Held, "the count is exact, not drifted by the races");
    }

    [TestMethod]
    public async Task ReadersPromotingWhileWritersTurn_NeverLoseAKeyReadBetweenTurns_NorAnswerAnOlderOrRemovedValue()
    {
        const int capacity = 1_000;
        const int hotKeys = 10;
        const int removedKeys = 20;
        const int readRounds = 2_000;
        const long floodWhileReading = 20 * capacity;

        // Each flood writer writes this many new keys, then waits until a reader has read every hot key since. A turn comes
        // once the young half fills, at least 470 new keys after the one before (the hot and removed keys take at most 30
        // of it), so each hot key is read several times between any two turns and is never dropped.
        const int floodBatch = 20;
        var map = new BoundedMap<int, long>(capacity);
        for (var key = 0; key < hotKeys; key++)
        {
            map.Set(key, key);
        }

        var flooded = 0L;
        var rounds = new long[2];
        var reading = rounds.Length;

        // Per removed key: the version whose Set was last begun, and the last finished (negative: removed after that version).
        var begun = new long[removedKeys];
        var finished = new long[removedKeys];
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();

        // Threads of their own: the pool of a 2-core machine would start them one after the other.
        Task Run(Action action) => Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var floods = Enumerable.Range(0, 2).Select(writer => Run(() =>
        {
            for (var i = 0; Volatile.Read(ref reading) > 0;)
            {
                // Two rounds of one reader since the batch began: the second began after it, and read every hot key.
                var readBefore = Enumerable.Range(0, rounds.Length).Select(r => Volatile.Read(ref rounds[r])).ToArray();
                for (var end = i + floodBatch; i < end; i++)
                {
                    map.Set(1_000 + (writer * 100_000_000) + i, i);
                    Interlocked.Increment(ref flooded);
                }

                var spin = default(SpinWait);
                while (Volatile.Read(ref reading) > 0 && !Enumerable.Range(0, rounds.Length).Any(r => Volatile.Read(ref rounds[r]) >= readBefore[r] + 2))
                {
                    spin.SpinOnce();
                }
            }
        }));
        var remover = Run(() =>
        {
            for (var version = 1L; Volatile.Read(ref reading) > 0; version++)
            {
                for (var i = 0; i < removedKeys; i++)
                {
                    Volatile.Write(ref begun[i], version);
                    map.Set(100 + i, version);
                    Volatile.Write(ref finished[i], version);
                    map.TryRemove(100 + i);
                    Volatile.Write(ref finished[i], -version);
                }
            }
        });
        var readers = Enumerable.Range(0, rounds.Length).Select(reader => Run(() =>
        {
            for (var round = 0; round < readRounds || Volatile.Read(ref flooded) < floodWhileReading; round++)
            {
                for (var key = 0; key < hotKeys; key++)
                {
                    if (!map.TryGetValue(key, out var value))
                    {
                        failures.Enqueue($"hot key {key} lost after {Volatile.Read(ref flooded)} flood writes, though read between every two turns");
                        map.Set(key, key);
                    }
                    else if (value != key)
                    {
                        failures.Enqueue($"hot key {key} answered {value}");
                    }
                }

                for (var i = 0; i < removedKeys; i++)
                {
                    var done = Volatile.Read(ref finished[i]);
                    var hit = map.TryGetValue(100 + i, out var version);
                    var latest = Volatile.Read(ref begun[i]);

                    // A Set that finished is never answered older; a removal that finished is never answered but by a newer Set.
                    var oldest = done > 0 ? done : -done + 1;
                    if (hit && (version < oldest || version > latest))
                    {
                        failures.Enqueue($"key {100 + i} answered version {version}, finished {done}, begun {latest}");
                    }
                }

                Interlocked.Increment(ref rounds[reader]);
            }

            Interlocked.Decrement(ref reading);
        }));

        await Task.WhenAll([.. floods, remover, .. readers]);

        Assert.IsTrue(failures.IsEmpty, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(10)));
        Assert.IsTrue(map.Held <= capacity, $"{map.Held} held");
    }

    [TestMethod]
    public async Task RemovalsRacingPromotionsAndTurns_NeverLeaveARemovedOrOlderValue()
    {
        // Tiny, so that a few writes turn it: the raced keys are in the old generation, and read out of it, all the time.
        const int capacity = 8;
        const int racedKeys = 4;
        var duration = TimeSpan.FromMilliseconds(500);
        var map = new BoundedMap<int, long>(capacity);
        var begun = new long[racedKeys];
        var finished = new long[racedKeys];
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var until = DateTime.UtcNow + duration;

        Task Run(Action action) => Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var churn = Run(() =>
        {
            for (var i = 0; DateTime.UtcNow < until; i++)
            {
                map.Set(1_000 + (i % 64), i);
            }
        });
        var remover = Run(() =>
        {
            for (var version = 1L; DateTime.UtcNow < until; version++)
            {
                for (var i = 0; i < racedKeys; i++)
                {
                    Volatile.Write(ref begun[i], version);
                    map.Set(i, version);
                    Volatile.Write(ref finished[i], version);
                }

                Thread.SpinWait(200);
                for (var i = 0; i < racedKeys; i++)
                {
                    map.TryRemove(i);
                    Volatile.Write(ref finished[i], -version);
                }
            }
        });
        var readers = Enumerable.Range(0, 2).Select(_ => Run(() =>
        {
            while (DateTime.UtcNow < until)
            {
                for (var i = 0; i < racedKeys; i++)
                {
                    var done = Volatile.Read(ref finished[i]);
                    var hit = map.TryGetValue(i, out var version);
                    var latest = Volatile.Read(ref begun[i]);
                    var oldest = done > 0 ? done : -done + 1;
                    if (hit && (version < oldest || version > latest))
                    {
                        failures.Enqueue($"key {i} answered version {version}, finished {done}, begun {latest}");
                    }
                }
            }
        }));

        await Task.WhenAll([churn, remover, .. readers]);

        Assert.IsTrue(failures.IsEmpty, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(10)));
        Assert.IsTrue(map.Held <= capacity, $"{map.Held} held");
        Assert.AreEqual(map.Count, map.Held);
    }
}

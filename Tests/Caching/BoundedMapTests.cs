using Orleans.Bcp.Silo.Caching;

namespace Orleans.Bcp.Tests.Caching;

/// <summary>The one bounded map every silo cache keeps its values in: emptied when a new key would pass the capacity, by entry or by weight.</summary>
[TestClass]
public sealed class BoundedMapTests
{
    [TestMethod]
    public void NewKeyPastCapacity_EmptiesIt_WhileReplacingAKeptKeyDoesNot()
    {
        var map = new BoundedMap<string, int>(3, StringComparer.Ordinal);
        map.Set("a", 1);
        map.Set("b", 2);
        map.Set("c", 3);
        map.Set("c", 30);
        Assert.AreEqual(3, map.Count, "replacing a kept key adds nothing");

        map.Set("d", 4);

        Assert.AreEqual(1, map.Count);
        Assert.IsFalse(map.ContainsKey("a"));
        Assert.IsTrue(map.TryGetValue("d", out var d));
        Assert.AreEqual(4, d);
    }

    [TestMethod]
    public void Removed_FreesRoom()
    {
        var map = new BoundedMap<string, int>(2, StringComparer.Ordinal);
        map.Set("a", 1);
        map.Set("b", 2);
        Assert.IsTrue(map.TryRemove("a"));
        Assert.IsFalse(map.TryRemove("b", 99), "removed only while it holds that value");

        map.Set("c", 3);

        Assert.IsTrue(map.ContainsKey("b"), "a removal made room: nothing was emptied");
        Assert.IsTrue(map.ContainsKey("c"));
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
    public void Weighted_IsBoundedByWhatTheValuesHold()
    {
        var map = new BoundedMap<string, int[]>(10, StringComparer.Ordinal, weightOf: value => value.Length);
        map.Set("a", new int[4]);
        map.Set("b", new int[4]);
        map.Set("a", new int[2]);
        map.Set("c", new int[4]);
        Assert.AreEqual(3, map.Count, "2 + 4 + 4 fit in 10: a replaced value's weight was given back");

        map.Set("d", new int[1]);

        Assert.AreEqual(1, map.Count);
        Assert.IsTrue(map.ContainsKey("d"));
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
        Assert.AreEqual(0, map.Count, "4 + 7 do not fit in 10: emptied, to be filled again");

        map.Set("c", new int[11]);
        Assert.AreEqual(0, map.Count, "a value heavier than the capacity is not kept");
        Assert.AreEqual(0, map.Held);
    }

    [TestMethod]
    public void MakeRoomFor_EmptiesItOnlyWhenTheBatchWouldNotFit()
    {
        var map = new BoundedMap<string, int>(4, StringComparer.Ordinal);
        map.Set("a", 1);
        map.Set("b", 2);

        map.MakeRoomFor(2);
        Assert.AreEqual(2, map.Count);

        map.MakeRoomFor(3);
        Assert.AreEqual(0, map.Count);
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

        // Writers racing the emptying may each be miscounted by one: a little over, never growing without bound.
        Assert.IsTrue(map.Count <= capacity + 8, $"{map.Count} held");
    }
}

using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>Every key and ETag of data in a store (Orleans' reminder rows aside): two equal snapshots mean nothing was written in between.</summary>
public static class StoreSnapshot
{
    private const string ReminderPrefix = "orleans-reminders/";

    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(IObjectStore store)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string? continuation = null;
        do
        {
            var page = await store.ListAsync("", continuation, 500);
            // Reminder rows are Orleans' schedule: a pair's grain drops its check reminder in the background once
            // sync is off and no run is left, whatever requests are in flight. Requests' own writes show elsewhere.
            foreach (var key in page.Keys.Where(key => !key.StartsWith(ReminderPrefix, StringComparison.Ordinal)))
            {
                result[key] = (await store.ReadAsync(key))?.ETag ?? "";
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
        return result;
    }

    public static void AssertUnchanged(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        CollectionAssert.AreEqual(before.ToList(), after.ToList(), "the store changed");
}

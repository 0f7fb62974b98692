namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>Waits for something to become true by asking again every 50 ms: a test waits as long as it must, never a fixed time.</summary>
public static class Poll
{
    /// <summary>Asks <paramref name="done"/> until it answers true; fails the test naming <paramref name="what"/> after <paramref name="deadline"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> done, TimeSpan deadline, string what)
    {
        var until = DateTime.UtcNow + deadline;
        while (!await done())
        {
            Assert.IsTrue(DateTime.UtcNow < until, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}

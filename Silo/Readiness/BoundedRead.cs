namespace Orleans.Bcp.Silo.Readiness;

/// <summary>
/// Runs a read with a time bound, turning a timeout or an error into a <see cref="Read{T}"/> failure: a
/// report must answer while a region or the control store is down, saying what it could not read.
/// </summary>
/// <remarks>The bound is on the wall clock (not the product's <see cref="TimeProvider"/>, which tests may stop), and
/// an abandoned read finishes in the background.</remarks>
public static class BoundedRead
{
    public static async Task<Read<T>> RunAsync<T>(Func<Task<T>> read, TimeSpan timeout, string what)
        where T : class
    {
        Task<T>? task = null;
        try
        {
            task = read();
            return Read<T>.Of(await task.WaitAsync(timeout));
        }
        catch (TimeoutException)
        {
            // Left to finish in the background; a failure then is nobody's to see.
            _ = task!.ContinueWith(static abandoned => abandoned.Exception, TaskScheduler.Default);
            return Read<T>.Missing($"{what} did not answer within {timeout.TotalMilliseconds:0} ms");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Read<T>.Missing($"{what} could not be read ({ex.GetType().Name})");
        }
    }
}

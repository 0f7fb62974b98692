using Microsoft.Data.Sqlite;

namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>The run's own folder under the system temp folder (SQLite files), deleted at the end.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bcp-benchmarks", Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        // Pooled SQLite connections of the in-process store keep the file open until cleared.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
            Log.Info($"deleted {Path}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.Info($"WARNING: could not delete {Path}: {ex.Message}");
        }
    }
}

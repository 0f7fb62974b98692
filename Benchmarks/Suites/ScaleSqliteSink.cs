using Microsoft.Data.Sqlite;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// Staged objects into the embedded store's file (Silo/Storage/Sqlite/SqliteObjectStore.cs: one <c>objects</c> table) in one
/// transaction per batch — one fsync per batch instead of one per object. Every store name is the one file, as in the embedded default.
/// </summary>
internal static class ScaleSqliteSink
{
    public static ScaleSink For(string path) => async (_, objects, cancellationToken) =>
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 60 }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // A change stamp the Api already wrote is replaced, as a bump would.
        command.CommandText = "INSERT INTO objects (key, data, etag) VALUES ($key, $data, $etag) ON CONFLICT(key) DO UPDATE SET data = excluded.data, etag = excluded.etag";
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var data = command.Parameters.Add("$data", SqliteType.Blob);
        var etag = command.Parameters.Add("$etag", SqliteType.Text);
        await command.PrepareAsync(cancellationToken);
        foreach (var staged in objects)
        {
            key.Value = staged.Key;
            data.Value = staged.Data;
            etag.Value = staged.ETag;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    };
}

using Microsoft.Data.Sqlite;

namespace Orleans.Bcp.Silo.Storage.Sqlite;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode. Several processes on one machine may
/// share the file; every condition is a single statement, so SQLite's write lock makes it atomic.
/// A batch of creates is one transaction: one lock and one commit to disk for the lot.
/// </summary>
public sealed class SqliteObjectStore : IBatchObjectStore
{
    private readonly string _connectionString;

    public SqliteObjectStore(SqliteStoreOptions options)
    {
        var fullPath = System.IO.Path.GetFullPath(options.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        Initialize();
    }

    private const int BusyTimeoutMilliseconds = 30_000;

    public string Name => "sqlite";

    public Task<StoredObject?> ReadAsync(string key, CancellationToken cancellationToken = default) => GuardAsync(() => ReadCoreAsync(key, cancellationToken));

    /// <summary>
    /// Lists keys in ordinal order. A file whose table is gone (deleted, or replaced by a new file under the path) fails
    /// with <see cref="StoreUnavailableException"/>: it never reads as an empty store.
    /// </summary>
    public Task<ObjectPage> ListAsync(string prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return GuardAsync(() => ListCoreAsync(prefix, continuationToken, pageSize, cancellationToken));
    }

    /// <summary>A create: no row is written (0 changes) when the key exists.</summary>
    private const string InsertIfAbsent = "INSERT INTO objects (key, data, etag) VALUES ($key, $data, $etag) ON CONFLICT(key) DO NOTHING";

    public Task<string> CreateAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        WriteAsync(InsertIfAbsent, key, data, expectedEtag: null, "already exists", cancellationToken);

    public Task<IReadOnlyList<string?>> CreateManyAsync(
        IReadOnlyList<(string Key, ReadOnlyMemory<byte> Data)> objects, CancellationToken cancellationToken = default) =>
        // Rolled back (the transaction is disposed uncommitted) on any failure: none of the batch is written.
        GuardAsync(() => CreateManyCoreAsync(objects, cancellationToken));

    private async Task<IReadOnlyList<string?>> CreateManyCoreAsync(
        IReadOnlyList<(string Key, ReadOnlyMemory<byte> Data)> objects, CancellationToken cancellationToken)
    {
        var etags = new string?[objects.Count];
        await using var connection = await OpenAsync(cancellationToken);
        // BEGIN IMMEDIATE (not deferred): the write lock is taken first, under the busy timeout, not at the first insert.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertIfAbsent;
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var data = command.Parameters.Add("$data", SqliteType.Blob);
        var etag = command.Parameters.Add("$etag", SqliteType.Text);
        for (var i = 0; i < objects.Count; i++)
        {
            var created = Guid.NewGuid().ToString("N");
            key.Value = objects[i].Key;
            data.Value = objects[i].Data.ToArray();
            etag.Value = created;
            etags[i] = await command.ExecuteNonQueryAsync(cancellationToken) == 0 ? null : created;
        }

        await transaction.CommitAsync(cancellationToken);
        return etags;
    }

    public Task<string> ReplaceAsync(string key, ReadOnlyMemory<byte> data, string etag, CancellationToken cancellationToken = default) =>
        WriteAsync(
            "UPDATE objects SET data = $data, etag = $etag WHERE key = $key AND etag = $expected",
            key, data, etag, "ETag mismatch or missing", cancellationToken);

    public async Task DeleteAsync(string key, string etag, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM objects WHERE key = $key AND etag = $expected";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$expected", etag);
        if (await ExecuteAsync(command, cancellationToken) == 0)
        {
            throw new StoreConflictException(key, $"Delete of '{key}' failed: ETag mismatch or missing.");
        }
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (StoreUnavailableException)
        {
            return false;
        }
    }

    private async Task<StoredObject?> ReadCoreAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data, etag FROM objects WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredObject(key, (byte[])reader.GetValue(0), reader.GetString(1));
    }

    private async Task<ObjectPage> ListCoreAsync(string prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // Keys are compared as BLOBs (memcmp), which is ordinal order, the same as Blob Storage's.
        command.CommandText = """
            SELECT key, etag FROM objects
            WHERE key >= $prefix AND key < $upper AND key > $after
            ORDER BY key LIMIT $limit
            """;
        command.Parameters.AddWithValue("$prefix", prefix);
        command.Parameters.AddWithValue("$upper", UpperBound(prefix));
        command.Parameters.AddWithValue("$after", continuationToken ?? string.Empty);
        command.Parameters.AddWithValue("$limit", pageSize + 1);
        var objects = new List<ListedObject>(pageSize + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                objects.Add(new ListedObject(reader.GetString(0), reader.GetString(1)));
            }
        }

        if (objects.Count <= pageSize)
        {
            return new ObjectPage(objects, null);
        }

        objects.RemoveAt(pageSize);
        return new ObjectPage(objects, objects[^1].Key);
    }

    // The smallest key greater than every key starting with the prefix (keys are ASCII), so the
    // listing is a range scan of the primary key.
    private static string UpperBound(string prefix) =>
        prefix.Length == 0 ? "\u007f" : string.Concat(prefix.AsSpan(0, prefix.Length - 1), ((char)(prefix[^1] + 1)).ToString());

    private async Task<string> WriteAsync(
        string sql, string key, ReadOnlyMemory<byte> data, string? expectedEtag, string failure, CancellationToken cancellationToken)
    {
        var etag = Guid.NewGuid().ToString("N");
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.Add("$data", SqliteType.Blob).Value = data.ToArray();
        command.Parameters.AddWithValue("$etag", etag);
        if (expectedEtag is not null)
        {
            command.Parameters.AddWithValue("$expected", expectedEtag);
        }

        if (await ExecuteAsync(command, cancellationToken) == 0)
        {
            throw new StoreConflictException(key, $"Write of '{key}' failed: {failure}.");
        }

        return etag;
    }

    private static async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (SqliteException ex)
        {
            throw new StoreUnavailableException($"SQLite store failed: {ex.Message}", ex);
        }
    }

    private static async Task<int> ExecuteAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex)
        {
            throw new StoreUnavailableException($"SQLite store failed: {ex.Message}", ex);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Two writers at once (a switch's commit beside its report's or audit entry's write) meet SQLITE_BUSY. Without a
            // busy timeout the driver's own retry sleeps 150 ms each time (docs/benchmarks.md, "A switch that does not
            // wait"); SQLite's busy handler waits only until the other write ends. The driver's retry stays behind it.
            // A direct call on the pooled handle: no statement to prepare on every open.
            SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, BusyTimeoutMilliseconds);
            return connection;
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync();
            throw new StoreUnavailableException($"SQLite store could not be opened: {ex.Message}", ex);
        }
    }

    private void Initialize()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // WAL lets readers run beside the single writer; busy_timeout (DefaultTimeout) covers other
        // processes. synchronous stays at SQLite's default FULL, so a committed write is on disk.
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS objects (key TEXT PRIMARY KEY, data BLOB NOT NULL, etag TEXT NOT NULL) WITHOUT ROWID;
            """;
        command.ExecuteNonQuery();
    }
}

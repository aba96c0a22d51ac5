using System.Globalization;
using Checkpoint.Providers;

namespace Checkpoint.Sqlite.Internal;

/// <summary>
/// Applies versioned migrations recorded in a table of one row per applied version (<c>checkpoint_migrations</c>,
/// <c>store_migrations</c>). Safe when many instances and processes run it at once: the versions are re-read inside a
/// <c>BEGIN IMMEDIATE</c> transaction, so exactly one applies each migration.
/// </summary>
internal static class SqliteMigrator
{
    public static async Task MigrateAsync(bool async, SqliteDatabase database, string table, IReadOnlyList<string> migrations, CancellationToken cancellationToken)
    {
        var component = Describe(database);
        database.EnsureFileExists();

        // Read first, without writing anything: a file that is not a database, is corrupt, or was migrated by a newer
        // release is refused here with its bytes untouched.
        var version = await database.RunAsync(async, SqliteAccess.Read, session => ReadVersion(session, table), cancellationToken).ConfigureAwait(false);
        ThrowIfNewer(version, migrations.Count, component);
        await database.RunAsync(async, SqliteAccess.Exclusive, session => Done(() => database.EnsureWriteAheadLog(session)), cancellationToken).ConfigureAwait(false);
        if (version == migrations.Count)
        {
            return;
        }

        await database.RunAsync(async, SqliteAccess.Write, session => Done(() => Apply(session, table, migrations, component)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the recorded version and the steps <see cref="MigrateAsync"/> would apply; creates no file and writes nothing.</summary>
    public static async Task<SchemaStatus> ReadStatusAsync(SqliteDatabase database, string table, IReadOnlyList<string> migrations, CancellationToken cancellationToken)
    {
        var exists = database.IsMemory || database.FilePath is null || File.Exists(database.FilePath);
        var version = exists
            ? await database.RunAsync(async: true, SqliteAccess.Read, session => ReadVersion(session, table), cancellationToken).ConfigureAwait(false)
            : 0;
        var pending = migrations.Skip(version).Select((sql, i) => new SchemaMigration(version + i + 1, sql)).ToList();
        return new SchemaStatus(Describe(database), version == 0 ? null : version, migrations.Count, pending);
    }

    public static int ReadVersion(SqliteSession session, string table)
    {
        var exists = Convert.ToInt64(
            session.Command("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $table").With("$table", table).ExecuteScalar(),
            CultureInfo.InvariantCulture);
        return exists == 0
            ? 0
            : Convert.ToInt32(session.Command($"SELECT coalesce(max(v), 0) FROM {table}").ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Apply(SqliteSession session, string table, IReadOnlyList<string> migrations, string component)
    {
        session.Execute($"CREATE TABLE IF NOT EXISTS {table} (v INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");

        // Another instance or process may have migrated between the first read and this transaction.
        var version = ReadVersion(session, table);
        ThrowIfNewer(version, migrations.Count, component);
        for (var next = version + 1; next <= migrations.Count; next++)
        {
            session.Execute(migrations[next - 1]);
            session.Command($"INSERT INTO {table} (v, applied_at) VALUES ($v, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))").With("$v", next).ExecuteNonQuery();
        }
    }

    private static string Describe(SqliteDatabase database) => $"SQLite {database.Component} schema in '{database.DataSource}'";

    private static void ThrowIfNewer(int version, int known, string component)
    {
        if (version > known)
        {
            throw new SchemaVersionException(component, version, known);
        }
    }

    private static bool Done(Action action)
    {
        action();
        return true;
    }
}

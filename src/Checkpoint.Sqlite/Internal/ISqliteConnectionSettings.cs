namespace Checkpoint.Sqlite.Internal;

/// <summary>The connection behaviour a <see cref="SqliteDatabase"/> needs, shared by the saver and store options.</summary>
internal interface ISqliteConnectionSettings
{
    TimeSpan BusyTimeout { get; }

    SqliteDurability Durability { get; }
}

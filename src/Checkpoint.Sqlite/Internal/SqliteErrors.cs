using Microsoft.Data.Sqlite;

namespace Checkpoint.Sqlite.Internal;

/// <summary>Turns SQLite result codes into exceptions that say what is wrong with the database and what to do.</summary>
internal static class SqliteErrors
{
    public const int Error = 1;
    public const int Permission = 3;
    public const int Busy = 5;
    public const int Locked = 6;
    public const int ReadOnly = 8;
    public const int IoError = 10;
    public const int Corrupt = 11;
    public const int Full = 13;
    public const int CannotOpen = 14;
    public const int NotADatabase = 26;

    public static int PrimaryCode(SqliteException exception) => exception.SqliteErrorCode & 0xFF;

    public static bool IsBusy(SqliteException exception) => PrimaryCode(exception) is Busy or Locked;

    /// <summary>Returns the exception to throw instead of <paramref name="exception"/>, or <see langword="null"/> to rethrow it unchanged.</summary>
    public static Exception? Translate(SqliteException exception, SqliteDatabase database)
    {
        var source = database.DataSource;
        var code = PrimaryCode(exception);
        switch (code)
        {
            case NotADatabase:
                return Unusable($"'{source}' is not a SQLite database (or it is encrypted). Point the connection string at a SQLite file or a new path. Nothing was changed.", database, code, exception);
            case Corrupt:
                return Unusable($"The SQLite database '{source}' is corrupt ({exception.Message.TrimEnd('.')}). Nothing was changed; restore it from a backup (PRAGMA integrity_check shows the damage).", database, code, exception);
            case ReadOnly:
                return Unusable($"The SQLite database '{source}' is read-only, so it cannot be written (check the file's and its folder's permissions, or Mode=ReadOnly in the connection string). Nothing was changed.", database, code, exception);
            case CannotOpen:
                return CannotOpenError(database, exception);
            case Permission:
                return Unusable($"Access to the SQLite database '{source}' was denied. Nothing was changed.", database, code, exception);
            case Full:
                return Unusable($"The disk holding the SQLite database '{source}' is full. The failed operation changed nothing.", database, code, exception);
            case IoError:
                return Unusable($"An I/O error occurred on the SQLite database '{source}' ({exception.Message.TrimEnd('.')}). The failed operation changed nothing.", database, code, exception);
            case Error when exception.Message.Contains("no such table", StringComparison.Ordinal):
                return new SchemaNotSetUpException($"The SQLite database '{source}'", $"no tables for this {database.Component}", exception);
            default:
                return null;
        }
    }

    public static SqliteDatabaseException Unusable(string message, SqliteDatabase database, int code, Exception? inner) =>
        new(message, database.DataSource, code, inner);

    private static Exception CannotOpenError(SqliteDatabase database, SqliteException exception)
    {
        var source = database.DataSource;
        var path = database.FilePath;
        if (path is not null && Directory.Exists(path))
        {
            return Unusable($"'{source}' is a directory, not a SQLite database file. Point the connection string at a file inside it. Nothing was changed.", database, CannotOpen, exception);
        }

        if (path is not null && Path.GetDirectoryName(path) is { Length: > 0 } folder && !Directory.Exists(folder))
        {
            return Unusable($"The SQLite database '{source}' cannot be opened or created because its folder '{folder}' does not exist. Create the folder first.", database, CannotOpen, exception);
        }

        if (path is not null && !File.Exists(path))
        {
            // Only Setup creates the file, so a missing file means the database was never set up.
            return new SchemaNotSetUpException($"The SQLite database '{source}'", $"the file does not exist; Setup creates it for this {database.Component}", exception);
        }

        return Unusable($"The SQLite database '{source}' cannot be opened (check the permissions of the file and its folder). Nothing was changed.", database, CannotOpen, exception);
    }
}

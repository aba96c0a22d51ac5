namespace Checkpoint.Sqlite.Tests;

/// <summary>A temporary folder for database files, deleted with everything in it on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates a new, empty folder.</summary>
    /// <param name="purpose">A word for the folder's name.</param>
    public TempFolder(string purpose)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "checkpoint-sqlite-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>Gets the folder.</summary>
    public string Path { get; }

    /// <summary>Returns the path of a new file in the folder (not created).</summary>
    /// <param name="name">A word for the file's name.</param>
    /// <returns>The path.</returns>
    public string NewFile(string name) => System.IO.Path.Combine(Path, $"{name}-{Guid.NewGuid():N}.db");

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process still holding a file is not worth failing a test run over; the OS cleans temp folders.
        }
    }
}

using System.Diagnostics;
using System.Text;
using Checkpoint.Tests.Support;

namespace Checkpoint.Sqlite.Tests.Processes;

/// <summary>
/// The writer child process (tests/Checkpoint.Sqlite.Tests.Writer), started with <c>dotnet &lt;dll&gt;</c>: reads its
/// acknowledgements line by line and can be killed with SIGKILL at any moment.
/// </summary>
internal sealed class WriterProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private WriterProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>Gets what the process wrote to standard error so far.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Gets whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the writer.</summary>
    /// <param name="db">The database file.</param>
    /// <param name="thread">The thread to write.</param>
    /// <param name="tag">The writer's tag (its values depend on it).</param>
    /// <param name="extra">More arguments: <c>--count n</c>, <c>--setup</c>, <c>--writes</c>.</param>
    /// <returns>The running process.</returns>
    public static WriterProcess Start(string db, string thread, string tag, params string[] extra)
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "writer", "Checkpoint.Sqlite.Tests.Writer.dll");
        if (!File.Exists(writer))
        {
            throw new FileNotFoundException("The writer process was not built next to the tests; build Checkpoint.Sqlite.Tests.", writer);
        }

        var start = new ProcessStartInfo(DotnetProcess.Host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["exec", writer, "--db", db, "--thread", thread, "--tag", tag, .. extra])
        {
            start.ArgumentList.Add(argument);
        }

        return new WriterProcess(Process.Start(start) ?? throw new InvalidOperationException("The writer process did not start."));
    }

    /// <summary>Reads the next line of standard output; <see langword="null"/> at the end.</summary>
    /// <param name="cancellationToken">A token that ends the wait (the test's deadline).</param>
    /// <returns>The line.</returns>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken) =>
        await _process.StandardOutput.ReadLineAsync(cancellationToken);

    /// <summary>Kills the process with SIGKILL (what <see cref="Process.Kill()"/> sends on Linux) and waits until it is gone.</summary>
    public void KillHard()
    {
        try
        {
            _process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // It already exited.
        }

        _process.WaitForExit();
    }

    /// <summary>Waits for the process to exit.</summary>
    /// <param name="cancellationToken">A token that ends the wait.</param>
    /// <returns>The exit code.</returns>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }

        _process.Dispose();
    }
}

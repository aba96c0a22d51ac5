namespace Checkpoint.Cli;

/// <summary>An error the tool reports as one line, with its exit code.</summary>
/// <param name="exitCode">One of <see cref="ExitCodes"/>.</param>
/// <param name="message">What went wrong, for the user.</param>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    /// <summary>Gets the exit code.</summary>
    public int ExitCode { get; } = exitCode;
}

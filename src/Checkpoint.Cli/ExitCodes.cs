namespace Checkpoint.Cli;

/// <summary>The tool's exit codes, documented in its README.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked (for <c>verify</c>: nothing is damaged).</summary>
    public const int Success = 0;

    /// <summary>The operation failed, or <c>verify</c> / a copy's verification found damage or a difference.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: unknown command, option or backend, a missing or malformed value.</summary>
    public const int Usage = 2;

    /// <summary>The database cannot be reached or refused the credentials.</summary>
    public const int Unavailable = 3;

    /// <summary>A thread or checkpoint named on the command line does not exist.</summary>
    public const int NotFound = 4;
}

namespace Checkpoint.Cli.Tests.Support;

/// <summary>Runs the built <c>checkpoint</c> tool (and the quickstart) as real processes, with no standard input.</summary>
public static class CliRunner
{
    /// <summary>The variables the tool reads its connections from: a test sets only the ones it means.</summary>
    private static readonly string[] ConnectionVariables =
    [
        "CHECKPOINT_BACKEND", "CHECKPOINT_CONNECTION", "CHECKPOINT_SCHEMA", "CHECKPOINT_PREFIX",
        "CHECKPOINT_TO_BACKEND", "CHECKPOINT_TO_CONNECTION", "CHECKPOINT_TO_SCHEMA", "CHECKPOINT_TO_PREFIX",
    ];

    /// <summary>Runs <c>checkpoint</c>.</summary>
    /// <param name="workingDirectory">The working directory.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>What it printed and returned.</returns>
    public static Task<ProcessResult> RunAsync(string workingDirectory, params string[] args) => RunProgramAsync("checkpoint.dll", workingDirectory, null, args);

    /// <summary>Runs <c>checkpoint</c> with extra environment variables.</summary>
    /// <param name="workingDirectory">The working directory.</param>
    /// <param name="environment">Variables to set (a <see langword="null"/> value removes one).</param>
    /// <param name="args">The arguments.</param>
    /// <returns>What it printed and returned.</returns>
    public static Task<ProcessResult> RunWithEnvironmentAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunProgramAsync("checkpoint.dll", workingDirectory, environment, args);

    /// <summary>Runs the quickstart sample.</summary>
    /// <param name="workingDirectory">The working directory (its default SQLite file goes there).</param>
    /// <param name="args">The arguments.</param>
    /// <returns>What it printed and returned.</returns>
    public static Task<ProcessResult> QuickstartAsync(string workingDirectory, params string[] args) => RunProgramAsync("Quickstart.dll", workingDirectory, null, args);

    private static Task<ProcessResult> RunProgramAsync(string program, string workingDirectory, IReadOnlyDictionary<string, string?>? environment, string[] args)
    {
        var variables = ConnectionVariables.ToDictionary(name => name, string? (_) => null);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        return DotnetProcess.RunAsync(program, args, workingDirectory, environment: variables);
    }
}

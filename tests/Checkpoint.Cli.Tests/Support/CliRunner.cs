using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Checkpoint.Cli.Tests.Support;

/// <summary>What a run of a program printed and returned.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>Gets standard output parsed as JSON.</summary>
    public JsonNode Json => JsonNode.Parse(Output) ?? throw new InvalidOperationException("The output is JSON null.");

    /// <summary>Gets both streams, for assertion messages.</summary>
    public string All => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Runs the built <c>checkpoint</c> tool (and the quickstart) as real processes, with no standard input.</summary>
public static class CliRunner
{
    /// <summary>Runs <c>checkpoint</c>.</summary>
    /// <param name="workingDirectory">The working directory.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>What it printed and returned.</returns>
    public static Task<CliResult> RunAsync(string workingDirectory, params string[] args) => RunProgramAsync("checkpoint.dll", workingDirectory, null, args);

    /// <summary>Runs <c>checkpoint</c> with extra environment variables.</summary>
    /// <param name="workingDirectory">The working directory.</param>
    /// <param name="environment">Variables to set (a <see langword="null"/> value removes one).</param>
    /// <param name="args">The arguments.</param>
    /// <returns>What it printed and returned.</returns>
    public static Task<CliResult> RunWithEnvironmentAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunProgramAsync("checkpoint.dll", workingDirectory, environment, args);

    /// <summary>Runs the quickstart sample.</summary>
    /// <param name="workingDirectory">The working directory (its default SQLite file goes there).</param>
    /// <param name="args">The arguments.</param>
    /// <returns>What it printed and returned.</returns>
    public static Task<CliResult> QuickstartAsync(string workingDirectory, params string[] args) => RunProgramAsync("Quickstart.dll", workingDirectory, null, args);

    private static async Task<CliResult> RunProgramAsync(string program, string workingDirectory, IReadOnlyDictionary<string, string?>? environment, string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, program));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var name in new[] { "CHECKPOINT_BACKEND", "CHECKPOINT_CONNECTION", "CHECKPOINT_SCHEMA", "CHECKPOINT_PREFIX", "CHECKPOINT_TO_BACKEND", "CHECKPOINT_TO_CONNECTION", "CHECKPOINT_TO_SCHEMA", "CHECKPOINT_TO_PREFIX" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        // A deadline only for a process that hangs.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliResult(process.ExitCode, await output, await error);
    }
}

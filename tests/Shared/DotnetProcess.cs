using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Checkpoint.Tests.Support;

/// <summary>
/// Runs a built .NET program (<c>dotnet &lt;dll&gt;</c>) as a real child process to its end: what samples, the CLI and
/// the runners that must not share the test's process (a starved thread pool, a crash) are tested with.
/// </summary>
public static class DotnetProcess
{
    /// <summary>Gets the <c>dotnet</c> host that runs the tests, so a child runs on the same runtime.</summary>
    public static string Host { get; } = FindHost();

    /// <summary>Runs <paramref name="dll"/> with <paramref name="arguments"/> until it exits.</summary>
    /// <param name="dll">The program: a path, or a file name next to the tests.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="workingDirectory">Its working directory; the test's when <see langword="null"/>.</param>
    /// <param name="standardInput">What it reads on standard input (closed after); none when <see langword="null"/>.</param>
    /// <param name="environment">Variables to set; a <see langword="null"/> value removes one.</param>
    /// <returns>What it printed and returned.</returns>
    /// <exception cref="OperationCanceledException">The test was cancelled or the program hung (it is killed).</exception>
    public static async Task<ProcessResult> RunAsync(
        string dll,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        string? standardInput = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(Host)
        {
            WorkingDirectory = workingDirectory ?? string.Empty,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
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

        var cancellationToken = Xunit.TestContext.Current.CancellationToken;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{dll} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();

        // A deadline only for a program that hangs; a normal run takes seconds.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
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

        return new ProcessResult(process.ExitCode, await output, await error);
    }

    private static string FindHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        // The runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/; the host is <root>/dotnet.
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(candidate) ? candidate : "dotnet";
    }
}

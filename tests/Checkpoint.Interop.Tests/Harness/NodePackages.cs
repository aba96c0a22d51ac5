using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;

namespace Checkpoint.Interop.Tests.Harness;

/// <summary>
/// Installs the pinned LangGraph.js packages (<c>node/package-lock.json</c>) with <c>npm ci</c>, once per lock file
/// content: a stamp in <c>node_modules</c> records the hash of the lock file that was installed. A failed install
/// throws with npm's output, so every test that needs LangGraph.js fails loudly instead of skipping.
/// </summary>
internal static class NodePackages
{
    private const string StampFile = ".checkpoint-interop-lock.sha256";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(15);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool s_installed;

    /// <summary>Gets the folder of the harness and its <c>package.json</c>.</summary>
    public static string Directory { get; } = typeof(NodePackages).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "NodeHarnessDirectory").Value!;

    /// <summary>Runs <c>npm ci</c> unless the installed packages match the lock file.</summary>
    public static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (s_installed)
            {
                return;
            }

            var lockHash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(Directory, "package-lock.json"), cancellationToken)));
            var stamp = Path.Combine(Directory, "node_modules", StampFile);
            if (!File.Exists(stamp) || (await File.ReadAllTextAsync(stamp, cancellationToken)).Trim() != lockHash)
            {
                await RunNpmCiAsync(cancellationToken);
                await File.WriteAllTextAsync(stamp, lockHash, cancellationToken);
            }

            s_installed = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task RunNpmCiAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm", "ci --no-audit --no-fund")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // better-sqlite3 compiles from source when no prebuilt binary can be downloaded; point node-gyp at the
        // headers of the machine's Node.js so it needs no download either.
        if (Environment.GetEnvironmentVariable("npm_config_nodedir") is null && File.Exists("/usr/include/node/node_api.h"))
        {
            start.Environment["npm_config_nodedir"] = "/usr";
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = StartOrExplain(start);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InstallTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"npm ci in {Directory} did not finish within {InstallTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"npm ci in {Directory} failed with exit code {process.ExitCode}, so the LangGraph.js interop tests cannot run.\n" +
                $"{Tail(await output)}\n{Tail(await error)}");
        }

        Console.Error.WriteLine($"Checkpoint.Interop.Tests: npm ci installed the LangGraph.js packages in {stopwatch.Elapsed.TotalSeconds:F0} s.");
    }

    /// <summary>Starts a process, or explains that the program is not installed.</summary>
    internal static Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"'{start.FileName}' did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{start.FileName}' could not be started ({e.Message}). The LangGraph.js interop tests need Node.js 20 or later and npm on the PATH.", e);
        }
    }

    internal static string Tail(string text, int length = 8000) => text.Length <= length ? text : "..." + text[^length..];
}

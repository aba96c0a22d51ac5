using System.Diagnostics;
using System.Text;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Races separate processes, as a fleet of application instances starting together does: starts copies of a runner
/// program, waits until every one has printed <c>ready</c>, then in each round writes one line to all of them at
/// once and collects the one line each answers. For a backend's own cross-process tests (its <c>Setup</c> under a
/// rollout, say); the runner is a small console program of the backend's test suite, for setups one call to
/// <see cref="ServeSetupsAsync"/>.
/// </summary>
public sealed class ProcessRace : IAsyncDisposable
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(30);

    private readonly List<Process> _processes;
    private readonly List<StringBuilder> _errors;

    private ProcessRace(List<Process> processes, List<StringBuilder> errors)
    {
        _processes = processes;
        _errors = errors;
    }

    /// <summary>Starts <paramref name="count"/> copies of a runner and waits until each prints <c>ready</c>.</summary>
    /// <param name="count">How many processes.</param>
    /// <param name="runnerDll">The runner's entry assembly, started with the <c>dotnet</c> host running the tests.</param>
    /// <param name="arguments">The runner's arguments.</param>
    /// <param name="cancellationToken">A token to cancel the start.</param>
    /// <returns>The race, ready for its first round.</returns>
    /// <exception cref="InvalidOperationException">A runner exited or printed something else before <c>ready</c>.</exception>
    public static async Task<ProcessRace> StartAsync(int count, string runnerDll, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentException.ThrowIfNullOrEmpty(runnerDll);
        ArgumentNullException.ThrowIfNull(arguments);
        if (!File.Exists(runnerDll))
        {
            throw new FileNotFoundException($"The race runner was not built at {runnerDll}.", runnerDll);
        }

        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var race = new ProcessRace([], []);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var start = new ProcessStartInfo(dotnet)
                {
                    RedirectStandardInput = true,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                start.ArgumentList.Add(runnerDll);
                foreach (var argument in arguments)
                {
                    start.ArgumentList.Add(argument);
                }

                var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {dotnet} {runnerDll}.");
                var errors = new StringBuilder();
                process.ErrorDataReceived += (_, e) =>
                {
                    lock (errors)
                    {
                        errors.AppendLine(e.Data);
                    }
                };
                process.BeginErrorReadLine();
                race._processes.Add(process);
                race._errors.Add(errors);
            }

            var greetings = await race.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < greetings.Count; i++)
            {
                if (greetings[i] != "ready")
                {
                    throw new InvalidOperationException($"Runner {i} said '{greetings[i]}' instead of 'ready'. {race.ErrorsOf(i)}");
                }
            }

            return race;
        }
        catch
        {
            await race.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Writes <paramref name="line"/> to every runner at once and returns each runner's one-line answer, in runner order.</summary>
    /// <param name="line">The line (no line break).</param>
    /// <param name="cancellationToken">A token to cancel the round.</param>
    /// <returns>The answers.</returns>
    /// <exception cref="InvalidOperationException">A runner exited without answering.</exception>
    public async Task<IReadOnlyList<string>> RoundAsync(string line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);

        // Every runner is waiting on its input: the writes go out back to back, so they start within a moment.
        foreach (var process in _processes)
        {
            await process.StandardInput.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            await process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return await ReadAllAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The runner's side of a setup race: prints <c>ready</c>, then for each line read from standard input (a schema,
    /// file or key prefix) opens a checkpointer and a store of it, runs the checkpointer's <c>Setup()</c> and the store's
    /// <c>SetupAsync()</c> at the same instant (one through each API, as an application's startup does), disposes both,
    /// and prints <c>ok</c>, or <c>error</c> and the exception on one line.
    /// </summary>
    /// <param name="openSaver">Opens the checkpointer of the database one input line names.</param>
    /// <param name="openStore">Opens the store of the database one input line names.</param>
    /// <returns>0, the process exit code, when the input ends.</returns>
    public static async Task<int> ServeSetupsAsync(Func<string, BaseCheckpointSaver> openSaver, Func<string, BaseStore> openStore)
    {
        ArgumentNullException.ThrowIfNull(openSaver);
        ArgumentNullException.ThrowIfNull(openStore);
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        while (Console.In.ReadLine() is { } line)
        {
            try
            {
                await using var saver = openSaver(line);
                await using var store = openStore(line);
                await Task.WhenAll(Task.Run(saver.Setup), store.SetupAsync()).ConfigureAwait(false);
                Console.Out.WriteLine("ok");
            }
            catch (Exception e)
            {
                Console.Out.WriteLine("error " + e.ToString().ReplaceLineEndings(" | "));
            }

            Console.Out.Flush();
        }

        return 0;
    }

    /// <summary>Ends the runners' input, waits for them to exit, and kills any that do not.</summary>
    /// <returns>A task that completes when every runner is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            try
            {
                process.StandardInput.Close();
                using var timeout = new CancellationTokenSource(ExitWait);
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or IOException)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            finally
            {
                process.Dispose();
            }
        }

        _processes.Clear();
    }

    private async Task<List<string>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var reads = _processes.Select(p => p.StandardOutput.ReadLineAsync(cancellationToken).AsTask()).ToList();
        var lines = await Task.WhenAll(reads).ConfigureAwait(false);
        var answers = new List<string>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            answers.Add(lines[i] ?? throw new InvalidOperationException($"Runner {i} exited without answering. {ErrorsOf(i)}"));
        }

        return answers;
    }

    private string ErrorsOf(int runner)
    {
        var errors = _errors[runner];
        lock (errors)
        {
            return errors.Length == 0 ? "It wrote nothing to stderr." : "Its stderr: " + errors.ToString().Trim();
        }
    }
}

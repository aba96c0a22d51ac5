using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Interop.Tests.Harness;

/// <summary>
/// One long-lived Node.js process running <c>node/harness.mjs</c> with the pinned LangGraph.js packages. Requests are
/// JSON lines on its standard input, answered one at a time on its standard output; see the protocol in harness.mjs.
/// </summary>
public sealed class NodeHarness : IAsyncDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(2);
    private readonly Process _process;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly StringBuilder _stderr = new();
    private int _nextId;

    private NodeHarness(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
                if (_stderr.Length > 64_000)
                {
                    _stderr.Remove(0, _stderr.Length - 32_000);
                }
            }
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>Installs the packages if needed, starts the harness and waits until it has loaded them.</summary>
    public static async Task<NodeHarness> StartAsync(CancellationToken cancellationToken)
    {
        await NodePackages.EnsureInstalledAsync(cancellationToken);
        var start = new ProcessStartInfo("node", "harness.mjs")
        {
            WorkingDirectory = NodePackages.Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        var harness = new NodeHarness(NodePackages.StartOrExplain(start));
        var ready = await harness.ReadReplyAsync(0, cancellationToken);
        return ready?["ready"]?.GetValue<bool>() == true ? harness : throw harness.Failure("did not report ready");
    }

    /// <summary>Sends one request and returns its result.</summary>
    /// <param name="command">The command, for example <c>thread.read</c>.</param>
    /// <param name="args">The arguments, serialized as JSON.</param>
    /// <param name="cancellationToken">A token to cancel the wait.</param>
    /// <returns>The result.</returns>
    /// <exception cref="NodeHarnessException">The command failed in Node.js; the message holds the JavaScript error and stack.</exception>
    public async Task<JsonNode?> CallAsync(string command, object? args = null, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var id = Interlocked.Increment(ref _nextId);
            var request = new JsonObject
            {
                ["id"] = id,
                ["cmd"] = command,
                ["args"] = args as JsonNode ?? JsonSerializer.SerializeToNode(args),
            };
            await _process.StandardInput.WriteLineAsync(request.ToJsonString().AsMemory(), cancellationToken);
            await _process.StandardInput.FlushAsync(cancellationToken);
            return await ReadReplyAsync(id, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _process.WaitForExitAsync(exit.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or IOException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _gate.Dispose();
    }

    private async Task<JsonNode?> ReadReplyAsync(int id, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        while (true)
        {
            string? line;
            try
            {
                line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw Failure($"did not answer request {id} within {RequestTimeout}");
            }

            if (line is null)
            {
                throw Failure($"exited before answering request {id}");
            }

            var reply = JsonNode.Parse(line)!.AsObject();
            if (reply["id"]?.GetValue<int>() != id)
            {
                continue;
            }

            return reply["ok"]!.GetValue<bool>() ? reply["result"] : throw new NodeHarnessException(reply["error"]?.GetValue<string>() ?? "unknown error");
        }
    }

    private InvalidOperationException Failure(string problem)
    {
        string stderr;
        lock (_stderr)
        {
            stderr = _stderr.ToString();
        }

        return new InvalidOperationException($"The LangGraph.js harness {problem}. Its standard error:\n{NodePackages.Tail(stderr)}");
    }
}

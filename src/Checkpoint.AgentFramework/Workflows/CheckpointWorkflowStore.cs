using System.Text.Json;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Agents.AI.Workflows.Checkpointing;

namespace Checkpoint.AgentFramework;

/// <summary>
/// An Agent Framework workflow checkpoint store (<see cref="JsonCheckpointStore"/>) over any
/// <see cref="BaseCheckpointSaver"/>: a workflow session is a thread, each workflow checkpoint a saver checkpoint.
/// </summary>
/// <remarks>
/// <para>
/// A checkpoint is written twice in the session's thread: its JSON (in channel <c>state</c>) under
/// <see cref="CheckpointWorkflowStoreOptions.CheckpointNamespace"/>, then an entry without values under
/// <c>{namespace}#index</c>. The index entry is the commit point: <see cref="RetrieveIndexAsync"/> lists entries only, so
/// finding the latest checkpoint of a long session reads ids and parent links, never the checkpoints themselves.
/// </para>
/// <para>
/// Checkpoint ids are time-ordered (<see cref="CheckpointId.Create"/>, strictly increasing within a process), so the
/// index comes back in commit order, oldest first, as Agent Framework's contract requires and
/// <see cref="CheckpointManager.GetLatestCheckpointAsync"/> relies on. Parent links are the saver's own
/// parent checkpoint ids.
/// </para>
/// <para>The store is stateless and thread-safe; share one instance, as the saver is shared.</para>
/// </remarks>
public sealed class CheckpointWorkflowStore : JsonCheckpointStore
{
    private const string StateChannel = "state";

    // Not "|" or ":": LangGraph and Checkpoint.Graph read those as subgraph separators in a namespace.
    private const string IndexSuffix = "#index";

    private readonly BaseCheckpointSaver _saver;
    private readonly string _stateNamespace;
    private readonly string _indexNamespace;
    private readonly TimeSpan? _timeout;

    /// <summary>Initializes a store over <paramref name="saver"/>.</summary>
    /// <param name="saver">The checkpointer that holds the checkpoints; not owned (the caller disposes it).</param>
    /// <param name="options">The namespace and operation timeout; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The namespace is empty or contains a NUL character.</exception>
    public CheckpointWorkflowStore(BaseCheckpointSaver saver, CheckpointWorkflowStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(saver);
        options ??= new CheckpointWorkflowStoreOptions();
        ArgumentException.ThrowIfNullOrEmpty(options.CheckpointNamespace, "options.CheckpointNamespace");
        if (options.CheckpointNamespace.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The checkpoint namespace must not contain a NUL character.", "options.CheckpointNamespace");
        }

        if (options.OperationTimeout is { } timeout && timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException("options.OperationTimeout", timeout, "The operation timeout must be positive.");
        }

        _saver = saver;
        _stateNamespace = options.CheckpointNamespace;
        _indexNamespace = options.CheckpointNamespace + IndexSuffix;
        _timeout = options.OperationTimeout == Timeout.InfiniteTimeSpan ? null : options.OperationTimeout;
    }

    /// <summary>Gets the checkpoint namespace of the workflow checkpoints.</summary>
    public string CheckpointNamespace => _stateNamespace;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="sessionId"/> is empty or contains a NUL character.</exception>
    public override async ValueTask<CheckpointInfo> CreateCheckpointAsync(string sessionId, JsonElement value, CheckpointInfo? parent = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        using var deadline = StartDeadline();
        var indexEntry = GraphCheckpoint.CreateEmpty();
        var id = indexEntry.Id;
        var parentConfig = new RunConfig(sessionId, checkpointId: parent?.CheckpointId);
        var metadata = new CheckpointMetadata();

        // The value first: an index entry must never name a checkpoint whose value is not stored yet.
        var stateCheckpoint = indexEntry.Clone();
        var version = _saver.GetNextVersion(null);
        stateCheckpoint.ChannelValues[StateChannel] = value.Clone();
        stateCheckpoint.ChannelVersions[StateChannel] = version;
        await RunAsync(
            token => _saver.PutAsync(parentConfig.WithCheckpointNs(_stateNamespace), stateCheckpoint, metadata, new Dictionary<string, string> { [StateChannel] = version }, token),
            deadline,
            "create a checkpoint of").ConfigureAwait(false);

        await RunAsync(
            token => _saver.PutAsync(parentConfig.WithCheckpointNs(_indexNamespace), indexEntry, metadata, new Dictionary<string, string>(), token),
            deadline,
            "create a checkpoint of").ConfigureAwait(false);
        return new CheckpointInfo(sessionId, id);
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">The session has no checkpoint <paramref name="key"/> (Agent Framework's contract for a missing checkpoint).</exception>
    public override async ValueTask<JsonElement> RetrieveCheckpointAsync(string sessionId, CheckpointInfo key)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(key);

        // As Agent Framework's in-memory manager: a key of another session is not found in this one.
        if (!string.Equals(key.SessionId, sessionId, StringComparison.Ordinal))
        {
            throw NotFound(sessionId, key);
        }

        using var deadline = StartDeadline();
        var tuple = await RunAsync(
            token => _saver.GetTupleAsync(new RunConfig(sessionId, _stateNamespace, key.CheckpointId), token),
            deadline,
            "read a checkpoint of").ConfigureAwait(false);
        if (tuple is null || !tuple.Checkpoint.ChannelValues.TryGetValue(StateChannel, out var value))
        {
            throw NotFound(sessionId, key);
        }

        return value switch
        {
            JsonElement element => element,
            _ => throw new InvalidOperationException(
                $"Checkpoint '{key.CheckpointId}' of workflow session '{sessionId}' holds a {value?.GetType().Name ?? "null"} where a workflow checkpoint (JSON) belongs: " +
                $"the namespace '{_stateNamespace}' of this thread is used by something else."),
        };
    }

    /// <inheritdoc />
    /// <remarks>Returns the session's checkpoints in commit order, oldest first; with <paramref name="withParent"/>, only its children.</remarks>
    public override async ValueTask<IEnumerable<CheckpointInfo>> RetrieveIndexAsync(string sessionId, CheckpointInfo? withParent = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        using var deadline = StartDeadline();
        var entries = await RunAsync(
            async token =>
            {
                var newestFirst = new List<CheckpointTuple>();
                await foreach (var entry in _saver.ListAsync(new RunConfig(sessionId, _indexNamespace), cancellationToken: token).ConfigureAwait(false))
                {
                    newestFirst.Add(entry);
                }

                return newestFirst;
            },
            deadline,
            "list the checkpoints of").ConfigureAwait(false);

        var index = new List<CheckpointInfo>(entries.Count);
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            var entry = entries[i];
            if (withParent is null || string.Equals(entry.ParentConfig?.CheckpointId, withParent.CheckpointId, StringComparison.Ordinal))
            {
                index.Add(new CheckpointInfo(sessionId, entry.Config.CheckpointId!));
            }
        }

        return index;
    }

    private static KeyNotFoundException NotFound(string sessionId, CheckpointInfo key) =>
        new($"Workflow session '{sessionId}' has no checkpoint '{key.CheckpointId}'.");

    private CancellationTokenSource? StartDeadline() => _timeout is { } timeout ? new CancellationTokenSource(timeout) : null;

    private async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationTokenSource? deadline, string what)
    {
        try
        {
            return await operation(deadline?.Token ?? CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline?.IsCancellationRequested == true)
        {
            throw new TimeoutException($"Could not {what} a workflow session within {_timeout} (CheckpointWorkflowStoreOptions.OperationTimeout).");
        }
    }
}

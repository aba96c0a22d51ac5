using Checkpoint.Providers;

namespace Checkpoint.Abstractions.Tests.ModelBased;

/// <summary>
/// An <see cref="InMemorySaver"/> behind the backend extension points, as a backend would implement them; for the
/// shrinker tests it can be broken deliberately: listing then ignores the <c>before</c> bound.
/// </summary>
internal sealed class DelegatingSaver(InMemorySaver inner, bool ignoreBefore) : BaseCheckpointSaver(inner.Serializer)
{
    protected override async Task<CheckpointTuple?> GetTupleCore(bool async, string threadId, string checkpointNs, string? checkpointId, CancellationToken cancellationToken) =>
        async
            ? await inner.GetTupleAsync(new RunConfig(threadId, checkpointNs, checkpointId), cancellationToken)
            : inner.GetTuple(new RunConfig(threadId, checkpointNs, checkpointId));

    protected override IEnumerable<CheckpointTuple> ListCore(CheckpointListQuery query) =>
        inner.List(new RunConfig(query.ThreadId, query.CheckpointNs, query.CheckpointId), ListOptions(query));

    protected override IAsyncEnumerable<CheckpointTuple> ListCoreAsync(CheckpointListQuery query, CancellationToken cancellationToken) =>
        inner.ListAsync(new RunConfig(query.ThreadId, query.CheckpointNs, query.CheckpointId), ListOptions(query), cancellationToken);

    protected override async Task PutCore(bool async, CheckpointPutRequest request, CancellationToken cancellationToken)
    {
        if (async)
        {
            await inner.PutAsync(ParentConfig(request), request.Checkpoint, request.Metadata, NewVersions(request), cancellationToken);
        }
        else
        {
            inner.Put(ParentConfig(request), request.Checkpoint, request.Metadata, NewVersions(request));
        }
    }

    protected override async Task PutWritesCore(bool async, CheckpointPutWritesRequest request, CancellationToken cancellationToken)
    {
        var config = new RunConfig(request.ThreadId, request.CheckpointNs, request.CheckpointId);
        if (async)
        {
            await inner.PutWritesAsync(config, Rebuild(request.Writes), request.TaskId, request.TaskPath, cancellationToken);
        }
        else
        {
            inner.PutWrites(config, Rebuild(request.Writes), request.TaskId, request.TaskPath);
        }
    }

    protected override Task DeleteThreadCore(bool async, string threadId, CancellationToken cancellationToken) =>
        Run(async, () => inner.DeleteThread(threadId), () => inner.DeleteThreadAsync(threadId, cancellationToken));

    protected override Task DeleteForRunsCore(bool async, IReadOnlyList<string> runIds, CancellationToken cancellationToken) =>
        Run(async, () => inner.DeleteForRuns(runIds), () => inner.DeleteForRunsAsync(runIds, cancellationToken));

    protected override Task CopyThreadCore(bool async, string sourceThreadId, string targetThreadId, CancellationToken cancellationToken) =>
        Run(async, () => inner.CopyThread(sourceThreadId, targetThreadId), () => inner.CopyThreadAsync(sourceThreadId, targetThreadId, cancellationToken));

    protected override Task PruneCore(bool async, IReadOnlyList<string> threadIds, PruneStrategy strategy, CancellationToken cancellationToken) =>
        Run(async, () => inner.Prune(threadIds, strategy), () => inner.PruneAsync(threadIds, strategy, cancellationToken));

    protected override IEnumerable<ThreadInfo> ListThreadsCore(ThreadListOptions options) => inner.ListThreads(options);

    protected override IAsyncEnumerable<ThreadInfo> ListThreadsCoreAsync(ThreadListOptions options, CancellationToken cancellationToken) =>
        inner.ListThreadsAsync(options, cancellationToken);

    protected override void Dispose(bool disposing) => inner.Dispose();

    // The sync path calls the inner saver's sync API and returns a completed task, as the contract asks.
    private static Task Run(bool async, Action sync, Func<Task> asynchronous)
    {
        if (async)
        {
            return asynchronous();
        }

        sync();
        return Task.CompletedTask;
    }

    private CheckpointListOptions ListOptions(CheckpointListQuery query) => new()
    {
        Filter = query.Filter,
        Limit = query.Limit,
        Before = ignoreBefore || query.Before is null ? null : new RunConfig(null, null, query.Before),
    };

    private static RunConfig ParentConfig(CheckpointPutRequest request) => new(request.ThreadId, request.CheckpointNs, request.ParentCheckpointId);

    private static Dictionary<string, string> NewVersions(CheckpointPutRequest request) =>
        request.Blobs.ToDictionary(b => b.Channel, b => b.Version, StringComparer.Ordinal);

    // Rebuilds the call from stored writes: regular writes back at their positions, special ones (fixed negative
    // indexes) in the gaps they left, so the inner saver assigns the same indexes again.
    private List<ChannelWrite> Rebuild(IReadOnlyList<SerializedWrite> writes)
    {
        var regular = writes.Where(w => w.Index >= 0).ToDictionary(w => w.Index);
        var special = new Queue<SerializedWrite>(writes.Where(w => w.Index < 0));
        var length = regular.Count == 0 ? 0 : regular.Keys.Max() + 1;
        var call = new List<ChannelWrite>();
        SerializedWrite? lastSpecial = null;
        for (var position = 0; position < length; position++)
        {
            var write = regular.TryGetValue(position, out var r) ? r : special.TryDequeue(out var s) ? lastSpecial = s : lastSpecial!;
            call.Add(new ChannelWrite(write.Channel, Serializer.Deserialize(write.Value)));
        }

        call.AddRange(special.Select(s => new ChannelWrite(s.Channel, Serializer.Deserialize(s.Value))));
        return call;
    }
}

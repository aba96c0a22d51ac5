namespace Checkpoint.Abstractions.Tests.ModelBased;

/// <summary>
/// An <see cref="InMemorySaver"/> behind the backend extension points, as a backend would implement them; for the
/// shrinker tests it can be broken deliberately: listing then ignores the <c>before</c> bound.
/// </summary>
internal sealed class DelegatingSaver(InMemorySaver inner, bool ignoreBefore) : BaseCheckpointSaver(inner.Serializer)
{
    protected override CheckpointTuple? GetTupleCore(string threadId, string checkpointNs, string? checkpointId) =>
        inner.GetTuple(new RunConfig(threadId, checkpointNs, checkpointId));

    protected override Task<CheckpointTuple?> GetTupleCoreAsync(string threadId, string checkpointNs, string? checkpointId, CancellationToken cancellationToken) =>
        inner.GetTupleAsync(new RunConfig(threadId, checkpointNs, checkpointId), cancellationToken);

    protected override IEnumerable<CheckpointTuple> ListCore(CheckpointListQuery query) =>
        inner.List(new RunConfig(query.ThreadId, query.CheckpointNs, query.CheckpointId), ListOptions(query));

    protected override IAsyncEnumerable<CheckpointTuple> ListCoreAsync(CheckpointListQuery query, CancellationToken cancellationToken) =>
        inner.ListAsync(new RunConfig(query.ThreadId, query.CheckpointNs, query.CheckpointId), ListOptions(query), cancellationToken);

    protected override void PutCore(CheckpointPutRequest request) =>
        inner.Put(ParentConfig(request), request.Checkpoint, request.Metadata, NewVersions(request));

    protected override Task PutCoreAsync(CheckpointPutRequest request, CancellationToken cancellationToken) =>
        inner.PutAsync(ParentConfig(request), request.Checkpoint, request.Metadata, NewVersions(request), cancellationToken);

    protected override void PutWritesCore(string threadId, string checkpointNs, string checkpointId, IReadOnlyList<SerializedWrite> writes) =>
        inner.PutWrites(new RunConfig(threadId, checkpointNs, checkpointId), Rebuild(writes), writes[0].TaskId, writes[0].TaskPath);

    protected override Task PutWritesCoreAsync(string threadId, string checkpointNs, string checkpointId, IReadOnlyList<SerializedWrite> writes, CancellationToken cancellationToken) =>
        inner.PutWritesAsync(new RunConfig(threadId, checkpointNs, checkpointId), Rebuild(writes), writes[0].TaskId, writes[0].TaskPath, cancellationToken);

    protected override void DeleteThreadCore(string threadId) => inner.DeleteThread(threadId);

    protected override Task DeleteThreadCoreAsync(string threadId, CancellationToken cancellationToken) => inner.DeleteThreadAsync(threadId, cancellationToken);

    protected override void DeleteForRunsCore(IReadOnlyList<string> runIds) => inner.DeleteForRuns(runIds);

    protected override Task DeleteForRunsCoreAsync(IReadOnlyList<string> runIds, CancellationToken cancellationToken) => inner.DeleteForRunsAsync(runIds, cancellationToken);

    protected override void CopyThreadCore(string sourceThreadId, string targetThreadId) => inner.CopyThread(sourceThreadId, targetThreadId);

    protected override Task CopyThreadCoreAsync(string sourceThreadId, string targetThreadId, CancellationToken cancellationToken) =>
        inner.CopyThreadAsync(sourceThreadId, targetThreadId, cancellationToken);

    protected override void PruneCore(IReadOnlyList<string> threadIds, PruneStrategy strategy) => inner.Prune(threadIds, strategy);

    protected override Task PruneCoreAsync(IReadOnlyList<string> threadIds, PruneStrategy strategy, CancellationToken cancellationToken) =>
        inner.PruneAsync(threadIds, strategy, cancellationToken);

    protected override IEnumerable<ThreadInfo> ListThreadsCore(ThreadListOptions options) => inner.ListThreads(options);

    protected override IAsyncEnumerable<ThreadInfo> ListThreadsCoreAsync(ThreadListOptions options, CancellationToken cancellationToken) =>
        inner.ListThreadsAsync(options, cancellationToken);

    protected override void Dispose(bool disposing) => inner.Dispose();

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

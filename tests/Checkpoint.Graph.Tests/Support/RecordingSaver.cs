using System.Collections.Concurrent;

namespace Checkpoint.Graph.Tests.Support;

/// <summary>Passes every call to an in-memory saver and records the puts and pending writes the runtime makes.</summary>
public sealed class RecordingSaver : BaseCheckpointSaver
{
    private readonly InMemorySaver _inner = new();

    public ConcurrentQueue<RecordedPut> Puts { get; } = new();

    public ConcurrentQueue<RecordedWrites> Writes { get; } = new();

    /// <summary>Gets or sets what an asynchronous put waits for before it stores the checkpoint (to hold a save in flight).</summary>
    public Func<Task>? BeforePutAsync { get; set; }

    protected override CheckpointTuple? GetTupleCore(string threadId, string checkpointNs, string? checkpointId) =>
        _inner.GetTuple(new RunConfig(threadId, checkpointNs, checkpointId));

    protected override Task<CheckpointTuple?> GetTupleCoreAsync(string threadId, string checkpointNs, string? checkpointId, CancellationToken cancellationToken) =>
        _inner.GetTupleAsync(new RunConfig(threadId, checkpointNs, checkpointId), cancellationToken);

    protected override IEnumerable<CheckpointTuple> ListCore(CheckpointListQuery query) => _inner.List(ToConfig(query), ToOptions(query));

    protected override IAsyncEnumerable<CheckpointTuple> ListCoreAsync(CheckpointListQuery query, CancellationToken cancellationToken) =>
        _inner.ListAsync(ToConfig(query), ToOptions(query), cancellationToken);

    protected override void PutCore(CheckpointPutRequest request)
    {
        Puts.Enqueue(new RecordedPut(request.CheckpointNs, request.ParentCheckpointId, request.Checkpoint.Clone(), request.Metadata.Clone(), [.. request.Blobs.Select(b => b.Channel)]));
        _inner.Put(new RunConfig(request.ThreadId, request.CheckpointNs, request.ParentCheckpointId), request.Checkpoint, request.Metadata, request.Blobs.ToDictionary(b => b.Channel, b => b.Version));
    }

    protected override async Task PutCoreAsync(CheckpointPutRequest request, CancellationToken cancellationToken)
    {
        if (BeforePutAsync is { } wait)
        {
            await wait();
        }

        PutCore(request);
    }

    protected override void PutWritesCore(string threadId, string checkpointNs, string checkpointId, IReadOnlyList<SerializedWrite> writes)
    {
        Writes.Enqueue(new RecordedWrites(checkpointNs, checkpointId, writes[0].TaskId, [.. writes.Select(w => w.Channel)]));
        _inner.PutWrites(new RunConfig(threadId, checkpointNs, checkpointId), [.. writes.Select(w => new ChannelWrite(w.Channel, Serializer.Deserialize(w.Value)))], writes[0].TaskId, writes[0].TaskPath);
    }

    protected override Task PutWritesCoreAsync(string threadId, string checkpointNs, string checkpointId, IReadOnlyList<SerializedWrite> writes, CancellationToken cancellationToken)
    {
        PutWritesCore(threadId, checkpointNs, checkpointId, writes);
        return Task.CompletedTask;
    }

    protected override void DeleteThreadCore(string threadId) => _inner.DeleteThread(threadId);

    protected override Task DeleteThreadCoreAsync(string threadId, CancellationToken cancellationToken) => _inner.DeleteThreadAsync(threadId, cancellationToken);

    protected override void DeleteForRunsCore(IReadOnlyList<string> runIds) => throw new NotSupportedException();

    protected override Task DeleteForRunsCoreAsync(IReadOnlyList<string> runIds, CancellationToken cancellationToken) => throw new NotSupportedException();

    protected override void CopyThreadCore(string sourceThreadId, string targetThreadId) => throw new NotSupportedException();

    protected override Task CopyThreadCoreAsync(string sourceThreadId, string targetThreadId, CancellationToken cancellationToken) => throw new NotSupportedException();

    protected override void PruneCore(IReadOnlyList<string> threadIds, PruneStrategy strategy) => throw new NotSupportedException();

    protected override Task PruneCoreAsync(IReadOnlyList<string> threadIds, PruneStrategy strategy, CancellationToken cancellationToken) => throw new NotSupportedException();

    protected override IEnumerable<ThreadInfo> ListThreadsCore(ThreadListOptions options) => _inner.ListThreads(options);

    protected override IAsyncEnumerable<ThreadInfo> ListThreadsCoreAsync(ThreadListOptions options, CancellationToken cancellationToken) => _inner.ListThreadsAsync(options, cancellationToken);

    private static RunConfig? ToConfig(CheckpointListQuery query) =>
        query.ThreadId is null && query.CheckpointNs is null && query.CheckpointId is null ? null : new RunConfig(query.ThreadId, query.CheckpointNs, query.CheckpointId);

    private static CheckpointListOptions ToOptions(CheckpointListQuery query) => new()
    {
        Filter = query.Filter,
        Before = query.Before is null ? null : new RunConfig(query.ThreadId, query.CheckpointNs, query.Before),
        Limit = query.Limit,
    };
}

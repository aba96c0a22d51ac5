using System.Collections.Concurrent;
using Checkpoint.Providers;

namespace Checkpoint.Graph.Tests.Support;

/// <summary>Passes every call to an in-memory saver and records the puts and pending writes the runtime makes.</summary>
public sealed class RecordingSaver : BaseCheckpointSaver
{
    private readonly InMemorySaver _inner = new();

    public ConcurrentQueue<RecordedPut> Puts { get; } = new();

    public ConcurrentQueue<RecordedWrites> Writes { get; } = new();

    /// <summary>Gets or sets what an asynchronous put waits for before it stores the checkpoint (to hold a save in flight).</summary>
    public Func<Task>? BeforePutAsync { get; set; }

    protected override Task<CheckpointTuple?> GetTupleCore(bool async, string threadId, string checkpointNs, string? checkpointId, CancellationToken cancellationToken) =>
        Task.FromResult(_inner.GetTuple(new RunConfig(threadId, checkpointNs, checkpointId)));

    protected override IEnumerable<CheckpointTuple> ListCore(CheckpointListQuery query) => _inner.List(ToConfig(query), ToOptions(query));

    protected override IAsyncEnumerable<CheckpointTuple> ListCoreAsync(CheckpointListQuery query, CancellationToken cancellationToken) =>
        _inner.ListAsync(ToConfig(query), ToOptions(query), cancellationToken);

    protected override async Task PutCore(bool async, CheckpointPutRequest request, CancellationToken cancellationToken)
    {
        if (async && BeforePutAsync is { } wait)
        {
            await wait();
        }

        Puts.Enqueue(new RecordedPut(request.CheckpointNs, request.ParentCheckpointId, request.Checkpoint.Clone(), request.Metadata.Clone(), [.. request.Blobs.Select(b => b.Channel)]));
        _inner.Put(new RunConfig(request.ThreadId, request.CheckpointNs, request.ParentCheckpointId), request.Checkpoint, request.Metadata, request.Blobs.ToDictionary(b => b.Channel, b => b.Version));
    }

    protected override Task PutWritesCore(bool async, CheckpointPutWritesRequest request, CancellationToken cancellationToken)
    {
        Writes.Enqueue(new RecordedWrites(request.CheckpointNs, request.CheckpointId, request.TaskId, [.. request.Writes.Select(w => w.Channel)]));
        _inner.PutWrites(
            new RunConfig(request.ThreadId, request.CheckpointNs, request.CheckpointId),
            [.. request.Writes.Select(w => new ChannelWrite(w.Channel, Serializer.Deserialize(w.Value)))],
            request.TaskId,
            request.TaskPath);
        return Task.CompletedTask;
    }

    protected override Task DeleteThreadCore(bool async, string threadId, CancellationToken cancellationToken)
    {
        _inner.DeleteThread(threadId);
        return Task.CompletedTask;
    }

    protected override Task DeleteForRunsCore(bool async, IReadOnlyList<string> runIds, CancellationToken cancellationToken) => throw new NotSupportedException();

    protected override Task CopyThreadCore(bool async, string sourceThreadId, string targetThreadId, CancellationToken cancellationToken) => throw new NotSupportedException();

    protected override Task PruneCore(bool async, IReadOnlyList<string> threadIds, PruneStrategy strategy, CancellationToken cancellationToken) => throw new NotSupportedException();

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

namespace Checkpoint.Benchmarks;

/// <summary>
/// Scaling mode: what one step costs as a conversation grows. For each conversation length (10, 100, 1,000 and 10,000
/// messages by default) a thread is seeded with that many messages in one put, then timed: puts that each add one
/// message, get-tuple-latest on the saver that wrote the thread (warm) and on a new saver instance (cold: its first
/// read), list with limit 10, and put-writes against the latest checkpoint. A step that costs what changed is flat
/// across the lengths.
/// </summary>
/// <remarks>
/// The reads see the latest checkpoint as a running graph leaves it: with the writes of one task pending. The
/// put-writes phase comes last because it leaves hundreds of tasks' writes on that checkpoint, which every later read
/// would load (about 0.8 µs each), hiding what the history costs.
/// </remarks>
internal sealed class ScalingWorkload(Progress progress, IReadOnlyList<int> histories)
{
    public static readonly int[] DefaultHistories = [10, 100, 1_000, 10_000];

    private const int Samples = 200;
    private const int ColdSamples = 30;
    private const int ListSamples = 50;

    public async Task RunAsync(IBenchBackend backend, BackendResult result)
    {
        await using var saver = await backend.CreateSaverAsync().ConfigureAwait(false);
        await StandardWorkload.WarmUpAsync(saver).ConfigureAwait(false);
        foreach (var history in histories)
        {
            await MeasureAsync(backend, saver, history, result).ConfigureAwait(false);
        }
    }

    private async Task MeasureAsync(IBenchBackend backend, BaseCheckpointSaver saver, int history, BackendResult result)
    {
        var threadId = $"scaling-{history}-{Guid.NewGuid():N}";
        var state = new ConversationState(saver);
        state.Append(1, history - 1);
        var step = history;
        var (seed, seedVersions) = state.Next(step);
        var config = await saver.PutAsync(RunConfig.ForThread(threadId), seed, CheckpointMetadata.Create(CheckpointSource.Loop, step), seedVersions).ConfigureAwait(false);

        // Every put carries one message the previous one did not have, and the conversation stays at history + 1.
        var put = await TimeAsync(backend, history, "put", Samples, async i =>
        {
            step++;
            var (checkpoint, newVersions) = state.Next(step, replaceLast: i > 1);
            var parent = config;
            return async () => config = await saver.PutAsync(parent, checkpoint, CheckpointMetadata.Create(CheckpointSource.Loop, step), newVersions).ConfigureAwait(false);
        }).ConfigureAwait(false);

        var latest = config;
        await saver.PutWritesAsync(latest, TaskWrites(0), "task-00000").ConfigureAwait(false);

        var thread = RunConfig.ForThread(threadId);
        var warm = await TimeAsync(backend, history, "get_warm", Samples, _ => Task.FromResult<Func<Task>>(() => saver.GetTupleAsync(thread))).ConfigureAwait(false);

        // A new instance per sample: its connection is opened before the clock starts, so only the read is timed. The
        // previous instance is disposed first (outside the clock), as a process holds one saver: thirty live savers,
        // each caching the whole thread, would make every collection during the timed reads walk their caches.
        BaseCheckpointSaver? fresh = null;
        var coldResult = await TimeAsync(backend, history, "get_cold", ColdSamples, async sample =>
        {
            if (fresh is not null)
            {
                await fresh.DisposeAsync().ConfigureAwait(false);
            }

            fresh = await backend.CreateSaverAsync().ConfigureAwait(false);
            _ = await fresh.GetTupleAsync(RunConfig.ForThread("scaling-absent")).ConfigureAwait(false);
            var reader = fresh;
            return () => reader.GetTupleAsync(thread);
        }).ConfigureAwait(false);
        if (fresh is not null)
        {
            await fresh.DisposeAsync().ConfigureAwait(false);
        }

        var options = new CheckpointListOptions { Limit = 10 };
        var list = await TimeAsync(backend, history, "list", ListSamples, sample => Task.FromResult<Func<Task>>(async () =>
        {
            await foreach (var _ in saver.ListAsync(thread, options).ConfigureAwait(false))
            {
            }
        })).ConfigureAwait(false);

        // The writes and the task id are built before the clock starts: only the put-writes is timed.
        var writes = await TimeAsync(backend, history, "put_writes", Samples, i =>
        {
            var taskWrites = TaskWrites(i);
            var taskId = $"task-{i:D5}";
            return Task.FromResult<Func<Task>>(() => saver.PutWritesAsync(latest, taskWrites, taskId));
        }).ConfigureAwait(false);

        result.Scaling.AddRange([put, writes, warm, coldResult, list]);
        await saver.DeleteThreadAsync(threadId).ConfigureAwait(false);
    }

    /// <summary>The writes of one task: a message and a status, as a tool-calling step leaves them.</summary>
    private static ChannelWrite[] TaskWrites(int task) =>
        [new(ConversationState.Messages, ConversationState.MessageText(task)), new(ConversationState.Status, "tool-called")];

    /// <summary>Times <paramref name="count"/> operations; <paramref name="prepare"/> does the untimed setup of each and returns the timed part.</summary>
    private async Task<ScalingPoint> TimeAsync(IBenchBackend backend, int history, string op, int count, Func<int, Task<Func<Task>>> prepare)
    {
        var recorder = new LatencyRecorder();
        recorder.Start();
        for (var i = 1; i <= count; i++)
        {
            var operation = await prepare(i).ConfigureAwait(false);
            await recorder.TimeAsync(operation).ConfigureAwait(false);
            if (i % 10 == 0 || i == count)
            {
                progress.Report($"[{backend.Name}] scaling {history:N0} messages: {op} {i}/{count}");
            }
        }

        recorder.Stop();
        var measured = recorder.ToResult(op);
        return new ScalingPoint(op, history, measured.P50Micros, measured.AllocatedBytesPerOp, measured.Count);
    }
}

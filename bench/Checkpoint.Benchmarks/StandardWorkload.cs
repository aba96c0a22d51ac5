using System.Text;

namespace Checkpoint.Benchmarks;

/// <summary>
/// The fixed workload of DESIGN.md §9, identical in every run: 2,000 sequential puts on one thread, 2,000 put-writes
/// calls of 2 writes, 2,000 get-tuple-latest, 500 list calls with limit 10; then the driver floor.
/// </summary>
internal sealed class StandardWorkload(Action<string> progress)
{
    public const int Puts = 2_000;
    public const int PutWritesCalls = 2_000;
    public const int GetTuples = 2_000;
    public const int Lists = 500;
    private const int Warmup = 50;
    private static readonly int[] MeasuredSteps = [100, Puts];

    public async Task RunAsync(IBenchBackend backend, BackendResult result)
    {
        await using var saver = await backend.CreateSaverAsync().ConfigureAwait(false);
        await WarmUpAsync(saver).ConfigureAwait(false);

        var threadId = "bench-" + Guid.NewGuid().ToString("N");
        var config = RunConfig.ForThread(threadId);
        var state = new ConversationState(saver);
        _ = await backend.MeasureThreadBytesAsync(threadId).ConfigureAwait(false);
        var put = new LatencyRecorder();
        var stored = new List<RunConfig>(Puts);
        long writtenBytes = 0;
        put.Start();
        for (var step = 1; step <= Puts; step++)
        {
            var (checkpoint, newVersions) = state.Next(step);
            var metadata = CheckpointMetadata.Create(CheckpointSource.Loop, step);
            var measure = MeasuredSteps.Contains(step);
            var before = measure ? await backend.MeasureThreadBytesAsync(threadId).ConfigureAwait(false) : null;
            var parent = config;
            await put.TimeAsync(async () => config = await saver.PutAsync(parent, checkpoint, metadata, newVersions).ConfigureAwait(false)).ConfigureAwait(false);
            stored.Add(config);
            if (measure && await backend.MeasureThreadBytesAsync(threadId).ConfigureAwait(false) is { } after)
            {
                result.BytesPerStep[step] = after - (before ?? 0);
            }

            if (step == Puts / 2)
            {
                writtenBytes = PayloadBytes(saver, checkpoint);
            }

            Report(backend, "put", step, Puts);
        }

        put.Stop();
        result.Operations.Add(put.ToResult("put"));
        result.ThreadBytes = await backend.MeasureThreadBytesAsync(threadId).ConfigureAwait(false);

        var writes = new LatencyRecorder();
        writes.Start();
        for (var i = 1; i <= PutWritesCalls; i++)
        {
            var taskWrites = new ChannelWrite[] { new(ConversationState.Messages, ConversationState.MessageText(i)), new(ConversationState.Status, "tool-called") };
            // One call per step, against that step's checkpoint, as a graph's tasks write.
            var target = stored[i - 1];
            var taskId = $"task-{i:D5}";
            await writes.TimeAsync(() => saver.PutWritesAsync(target, taskWrites, taskId)).ConfigureAwait(false);
            Report(backend, "put_writes", i, PutWritesCalls);
        }

        writes.Stop();
        result.Operations.Add(writes.ToResult("put_writes"));

        var latest = RunConfig.ForThread(threadId);
        var get = new LatencyRecorder();
        long readBytes = 0;
        get.Start();
        for (var i = 1; i <= GetTuples; i++)
        {
            await get.TimeAsync(async () => _ = await saver.GetTupleAsync(latest).ConfigureAwait(false)).ConfigureAwait(false);
            Report(backend, "get_tuple", i, GetTuples);
        }

        get.Stop();
        result.Operations.Add(get.ToResult("get_tuple"));
        var tuple = await saver.GetTupleAsync(latest).ConfigureAwait(false);
        readBytes = PayloadBytes(saver, tuple!.Checkpoint);

        var list = new LatencyRecorder();
        var options = new CheckpointListOptions { Limit = 10 };
        list.Start();
        for (var i = 1; i <= Lists; i++)
        {
            await list.TimeAsync(async () =>
            {
                await foreach (var _ in saver.ListAsync(latest, options).ConfigureAwait(false))
                {
                }
            }).ConfigureAwait(false);
            Report(backend, "list", i, Lists);
        }

        list.Stop();
        result.Operations.Add(list.ToResult("list"));

        await RunFloorAsync(backend, result, writtenBytes, readBytes).ConfigureAwait(false);
    }

    /// <summary>
    /// The floor, sized like the work it is compared with: a put with the bytes one put writes at the workload's
    /// midpoint, put-writes with a 200-byte row, get-tuple with the bytes of the latest state, list with ten of those.
    /// </summary>
    private async Task RunFloorAsync(IBenchBackend backend, BackendResult result, long writtenBytes, long readBytes)
    {
        await using var floor = await backend.CreateFloorAsync().ConfigureAwait(false);
        if (floor is null)
        {
            return;
        }

        var prefix = "floor-" + Guid.NewGuid().ToString("N");
        var insertWrite = await TimeInsertsAsync(backend, floor, $"{prefix}-w", (int)writtenBytes, "insert(put size)").ConfigureAwait(false);
        var insertSmall = await TimeInsertsAsync(backend, floor, $"{prefix}-s", 200, "insert(200 B)").ConfigureAwait(false);
        var selectRead = await TimeSelectsAsync(backend, floor, $"{prefix}-r", (int)readBytes, GetTuples, "select(get size)").ConfigureAwait(false);
        var selectList = await TimeSelectsAsync(backend, floor, $"{prefix}-l", (int)Math.Min(readBytes * 10, 256L * 1024 * 1024), Lists, "select(list size)").ConfigureAwait(false);
        result.Floor.AddRange([insertWrite, insertSmall, selectRead, selectList]);
        Compare(result, "put", insertWrite);
        Compare(result, "put_writes", insertSmall);
        Compare(result, "get_tuple", selectRead);
        Compare(result, "list", selectList);
    }

    private async Task<OperationResult> TimeInsertsAsync(IBenchBackend backend, IDriverFloor floor, string prefix, int size, string name)
    {
        var payload = Encoding.UTF8.GetBytes(new string('x', Math.Max(size, 1)));
        var recorder = new LatencyRecorder();
        recorder.Start();
        for (var i = 1; i <= Puts; i++)
        {
            var key = $"{prefix}-{i}";
            await recorder.TimeAsync(() => floor.InsertAsync(key, payload)).ConfigureAwait(false);
            Report(backend, name, i, Puts);
        }

        recorder.Stop();
        return recorder.ToResult(name);
    }

    private async Task<OperationResult> TimeSelectsAsync(IBenchBackend backend, IDriverFloor floor, string key, int size, int count, string name)
    {
        await floor.InsertAsync(key, Encoding.UTF8.GetBytes(new string('x', Math.Max(size, 1)))).ConfigureAwait(false);
        var recorder = new LatencyRecorder();
        recorder.Start();
        for (var i = 1; i <= count; i++)
        {
            await recorder.TimeAsync(() => floor.SelectAsync(key)).ConfigureAwait(false);
            Report(backend, name, i, count);
        }

        recorder.Stop();
        return recorder.ToResult(name);
    }

    private static void Compare(BackendResult result, string operation, OperationResult floor)
    {
        var op = result.Operations.Single(o => o.Operation == operation);
        op.FloorOperation = floor.Operation;
        op.FloorRatio = floor.P50Micros > 0 ? op.P50Micros / floor.P50Micros : null;
    }

    private static async Task WarmUpAsync(BaseCheckpointSaver saver)
    {
        var config = RunConfig.ForThread("warmup-" + Guid.NewGuid().ToString("N"));
        var state = new ConversationState(saver);
        for (var step = 1; step <= Warmup; step++)
        {
            var (checkpoint, newVersions) = state.Next(step);
            config = await saver.PutAsync(config, checkpoint, CheckpointMetadata.Create(CheckpointSource.Loop, step), newVersions).ConfigureAwait(false);
            await saver.PutWritesAsync(config, [new ChannelWrite(ConversationState.Status, "warm")], $"task-{step}").ConfigureAwait(false);
            _ = await saver.GetTupleAsync(RunConfig.ForThread(config.ThreadId!)).ConfigureAwait(false);
            await foreach (var _ in saver.ListAsync(RunConfig.ForThread(config.ThreadId!), new CheckpointListOptions { Limit = 10 }).ConfigureAwait(false))
            {
            }
        }

        await saver.DeleteThreadAsync(config.ThreadId!).ConfigureAwait(false);
    }

    /// <summary>The bytes of a checkpoint's serialized values and JSON: what a put of it carries over the wire.</summary>
    private static long PayloadBytes(BaseCheckpointSaver saver, GraphCheckpoint checkpoint) =>
        Encoding.UTF8.GetByteCount(CheckpointJson.Serialize(checkpoint))
        + checkpoint.ChannelValues.Values.Sum(v => (long)saver.Serializer.Serialize(v).Data.Length);

    private void Report(IBenchBackend backend, string operation, int done, int total)
    {
        if (done % 100 == 0 || done == total)
        {
            progress($"[{backend.Name}] {operation} {done}/{total}");
        }
    }
}

using System.Text;
using Checkpoint.Providers;

namespace Checkpoint.Benchmarks;

/// <summary>
/// The fixed workload of DESIGN.md §9, identical in every run: 2,000 sequential puts on one thread, 2,000 put-writes
/// calls of 2 writes, 2,000 get-tuple-latest, 500 list calls with limit 10; then the driver floor.
/// </summary>
internal sealed class StandardWorkload(Progress progress)
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
        var databaseBefore = await backend.MeasureDatabaseBytesAsync().ConfigureAwait(false);
        var put = new LatencyRecorder();
        var stored = new List<RunConfig>(Puts);
        GraphCheckpoint? midpoint = null;
        CheckpointMetadata? midpointMetadata = null;
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
                midpoint = checkpoint;
                midpointMetadata = metadata;
            }

            Report(backend, "put", step, Puts);
        }

        put.Stop();
        result.Operations.Add(put.ToResult("put"));
        result.ThreadBytes = await backend.MeasureThreadBytesAsync(threadId).ConfigureAwait(false);
        result.DatabaseBytesAdded = await backend.MeasureDatabaseBytesAsync().ConfigureAwait(false) - databaseBefore;

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
        get.Start();
        for (var i = 1; i <= GetTuples; i++)
        {
            await get.TimeAsync(async () => _ = await saver.GetTupleAsync(latest).ConfigureAwait(false)).ConfigureAwait(false);
            Report(backend, "get_tuple", i, GetTuples);
        }

        get.Stop();
        result.Operations.Add(get.ToResult("get_tuple"));
        var tuple = await saver.GetTupleAsync(latest).ConfigureAwait(false);

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

        await RunFloorAsync(backend, result, saver.Serializer, midpoint!, midpointMetadata!, tuple!.Checkpoint).ConfigureAwait(false);
    }

    /// <summary>
    /// The floor: the same driver on one open connection with prepared statements, doing one-row inserts and one-row
    /// selects by key. A put's floor row holds what changed in a put at the workload's midpoint (the newest message, the
    /// two small channels, the checkpoint and metadata JSON), which is all a put must write; put-writes' holds 200 B;
    /// get-tuple's the latest state; list's ten states. The "+serde" floors also run the serializer on the same values
    /// (serialize before the insert, deserialize after the select), work no checkpointer can avoid on a cold read;
    /// operations are compared with them, and the raw ratio is reported beside it.
    /// </summary>
    private async Task RunFloorAsync(IBenchBackend backend, BackendResult result, ICheckpointSerializer serializer, GraphCheckpoint midpoint, CheckpointMetadata metadata, GraphCheckpoint latest)
    {
        await using var floor = await backend.CreateFloorAsync().ConfigureAwait(false);
        if (floor is null)
        {
            return;
        }

        var prefix = "floor-" + Guid.NewGuid().ToString("N");
        var latestMessages = serializer.Serialize(latest.ChannelValues[ConversationState.Messages]);
        var readSize = latestMessages.Data.Length;
        var newestMessage = ((IList<Microsoft.Extensions.AI.ChatMessage>)midpoint.ChannelValues[ConversationState.Messages]!)[^1];
        byte[] SerializeDelta() => Concat([
            serializer.Serialize(newestMessage).Data,
            serializer.Serialize(midpoint.ChannelValues[ConversationState.StepChannel]).Data,
            serializer.Serialize(midpoint.ChannelValues[ConversationState.Status]).Data,
            Encoding.UTF8.GetBytes(CheckpointJson.Serialize(midpoint)),
            Encoding.UTF8.GetBytes(metadata.ToJsonString()),
        ]);
        var delta = SerializeDelta();

        var insertRaw = await TimeAsync(backend, "insert(put delta)", Puts, i => floor.InsertAsync($"{prefix}-w{i}", delta)).ConfigureAwait(false);
        var insertSmall = await TimeAsync(backend, "insert(200 B)", Puts, i => floor.InsertAsync($"{prefix}-s{i}", Filler(200))).ConfigureAwait(false);
        var insertSerde = await TimeAsync(backend, "insert+serde(put)", Puts, i => floor.InsertAsync($"{prefix}-z{i}", SerializeDelta())).ConfigureAwait(false);

        await floor.InsertAsync($"{prefix}-r", latestMessages.Data).ConfigureAwait(false);
        await floor.InsertAsync($"{prefix}-l", Concat(Enumerable.Repeat(latestMessages.Data, 10))).ConfigureAwait(false);
        var selectRaw = await TimeAsync(backend, "select(get size)", GetTuples, _ => floor.SelectAsync($"{prefix}-r")).ConfigureAwait(false);
        var selectSerde = await TimeAsync(backend, "select+serde(get)", GetTuples, async _ =>
            serializer.Deserialize(latestMessages with { Data = await floor.SelectAsync($"{prefix}-r").ConfigureAwait(false) })).ConfigureAwait(false);
        var listRaw = await TimeAsync(backend, "select(list size)", Lists, _ => floor.SelectAsync($"{prefix}-l")).ConfigureAwait(false);
        var listSerde = await TimeAsync(backend, "select+serde(list)", Lists, async call =>
        {
            var rows = await floor.SelectAsync($"{prefix}-l").ConfigureAwait(false);
            for (var i = 0; i < 10; i++)
            {
                _ = serializer.Deserialize(latestMessages with { Data = rows.AsSpan(i * readSize, readSize).ToArray() });
            }
        }).ConfigureAwait(false);

        result.Floor.AddRange([insertRaw, insertSerde, insertSmall, selectRaw, selectSerde, listRaw, listSerde]);
        Compare(result, "put", insertSerde, insertRaw);
        Compare(result, "put_writes", insertSmall, insertSmall);
        Compare(result, "get_tuple", selectSerde, selectRaw);
        Compare(result, "list", listSerde, listRaw);
    }

    private async Task<OperationResult> TimeAsync(IBenchBackend backend, string name, int count, Func<int, Task> operation)
    {
        var recorder = new LatencyRecorder();
        recorder.Start();
        for (var i = 1; i <= count; i++)
        {
            var index = i;
            await recorder.TimeAsync(() => operation(index)).ConfigureAwait(false);
            Report(backend, name, i, count);
        }

        recorder.Stop();
        return recorder.ToResult(name);
    }

    // A block copy: the floor must not pay for per-byte enumeration that no real operation does.
    private static byte[] Concat(IEnumerable<byte[]> parts)
    {
        var list = parts.ToList();
        var all = new byte[list.Sum(p => p.Length)];
        var position = 0;
        foreach (var part in list)
        {
            part.CopyTo(all, position);
            position += part.Length;
        }

        return all;
    }

    private static byte[] Filler(int size) => Encoding.UTF8.GetBytes(new string('x', Math.Max(size, 1)));

    private static void Compare(BackendResult result, string operation, OperationResult floor, OperationResult raw)
    {
        var op = result.Operations.Single(o => o.Operation == operation);
        op.FloorOperation = floor.Operation;
        op.FloorRatio = floor.P50Micros > 0 ? op.P50Micros / floor.P50Micros : null;
        op.RawFloorRatio = raw.P50Micros > 0 ? op.P50Micros / raw.P50Micros : null;
    }

    /// <summary>Runs every operation on a thread of its own (deleted afterwards) so that timings exclude JIT compilation.</summary>
    public static async Task WarmUpAsync(BaseCheckpointSaver saver)
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

    private void Report(IBenchBackend backend, string operation, int done, int total)
    {
        if (done % 100 == 0 || done == total)
        {
            progress.Report($"[{backend.Name}] {operation} {done}/{total}");
        }
    }
}

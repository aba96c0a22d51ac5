namespace Checkpoint.Benchmarks;

/// <summary>
/// Scale mode: loads many small checkpoints over many threads, then times get-tuple-latest and list-limit-10 on a
/// thread with 10 checkpoints and on one with 10,000. With an index serving both, the two stay close (target: within
/// 1.5x of each other); a scan would make the long thread much slower.
/// </summary>
internal sealed class ScaleWorkload(Progress progress, BenchOptions options)
{
    private const int ShortThread = 10;
    private const int LongThread = 10_000;
    private const int Samples = 500;

    public async Task RunAsync(IBenchBackend backend, BackendResult result)
    {
        await using var saver = await backend.CreateSaverAsync().ConfigureAwait(false);
        var run = Guid.NewGuid().ToString("N")[..8];
        var shortThread = $"scale-{run}-short";
        var longThread = $"scale-{run}-long";
        var others = Math.Max(options.ScaleThreads - 2, 1);
        var perOther = Math.Max((options.ScaleCheckpoints - ShortThread - LongThread) / others, 1);
        var work = new List<(string Thread, int Count)> { (shortThread, ShortThread), (longThread, LongThread) };
        work.AddRange(Enumerable.Range(0, others).Select(i => ($"scale-{run}-{i:D6}", perOther)));
        var total = work.Sum(w => w.Count);

        var loaded = 0;
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount * 4 }, async (item, token) =>
        {
            RunConfig config = RunConfig.ForThread(item.Thread);
            string? version = null;
            for (var step = 0; step < item.Count; step++)
            {
                var checkpoint = GraphCheckpoint.CreateEmpty(step);
                version = saver.GetNextVersion(version);
                checkpoint.ChannelValues["step"] = step;
                checkpoint.ChannelVersions["step"] = version;
                config = await saver.PutAsync(config, checkpoint, CheckpointMetadata.Create(CheckpointSource.Loop, step), new Dictionary<string, string> { ["step"] = version }, token).ConfigureAwait(false);
                var done = Interlocked.Increment(ref loaded);
                if (done % 10_000 == 0)
                {
                    progress.Report($"[{backend.Name}] scale load {done:N0}/{total:N0}");
                }
            }
        }).ConfigureAwait(false);

        foreach (var (label, thread) in new[] { (ShortThread, shortThread), (LongThread, longThread) })
        {
            var latest = new LatencyRecorder();
            latest.Start();
            for (var i = 0; i < Samples; i++)
            {
                await latest.TimeAsync(() => saver.GetTupleAsync(RunConfig.ForThread(thread))).ConfigureAwait(false);
            }

            latest.Stop();
            var list = new LatencyRecorder();
            list.Start();
            for (var i = 0; i < Samples; i++)
            {
                await list.TimeAsync(async () =>
                {
                    await foreach (var _ in saver.ListAsync(RunConfig.ForThread(thread), new CheckpointListOptions { Limit = 10 }).ConfigureAwait(false))
                    {
                    }
                }).ConfigureAwait(false);
            }

            list.Stop();
            result.Scale[$"get_tuple latest @{label:D5}"] = latest.ToResult("latest").P50Micros;
            result.Scale[$"list limit 10 @{label:D5}"] = list.ToResult("list").P50Micros;
            progress.Report($"[{backend.Name}] scale timed thread of {label:N0}");
        }

        result.Scale["loaded checkpoints"] = total;
        result.Scale["get_tuple ratio 10000/10"] = result.Scale[$"get_tuple latest @{LongThread:D5}"] / result.Scale[$"get_tuple latest @{ShortThread:D5}"];
        result.Scale["list ratio 10000/10"] = result.Scale[$"list limit 10 @{LongThread:D5}"] / result.Scale[$"list limit 10 @{ShortThread:D5}"];
    }
}

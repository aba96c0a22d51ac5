using System.Text;
using Checkpoint.Providers;

namespace Checkpoint;

/// <content>
/// Tracing, metrics and logging of every operation, once for all backends: each public operation runs its core inside
/// an observed operation (see <see cref="CheckpointTelemetry"/>). A backend only names its database system.
/// </content>
public abstract partial class BaseCheckpointSaver
{
    /// <summary>
    /// Gets the logging and tracing settings; backends set it from <see cref="CheckpointSaverOptions.Diagnostics"/> in
    /// their constructor. Defaults apply when <see langword="null"/>.
    /// </summary>
    protected CheckpointDiagnosticsOptions? Diagnostics { get; init; }

    private protected override string TelemetryCollection => "checkpoints";

    private protected override CheckpointDiagnosticsOptions? DiagnosticsOptions => Diagnostics;

    private Task<CheckpointTuple?> ObservedGetTuple(bool async, RunConfig config, CancellationToken cancellationToken) =>
        ObservedCall.Run(Telemetry, Operations.GetTuple, config.ThreadId, (Saver: this, async, config, cancellationToken), static (s, _) => s.Saver.GetMigratedTupleAsync(s.async, s.config, s.cancellationToken));

    private IEnumerable<CheckpointTuple> ObservedList(CheckpointListQuery query) =>
        ObservedStream.Of(Telemetry, Operations.List, query.ThreadId, ListCore(query));

    private IAsyncEnumerable<CheckpointTuple> ObservedListAsync(CheckpointListQuery query, CancellationToken cancellationToken) =>
        ObservedStream.Of(Telemetry, Operations.List, query.ThreadId, ListCoreAsync(query, cancellationToken), cancellationToken);

    private IEnumerable<ThreadInfo> ObservedListThreads(ThreadListOptions options) =>
        ObservedStream.Of(Telemetry, Operations.ListThreads, null, ListThreadsCore(options));

    private IAsyncEnumerable<ThreadInfo> ObservedListThreadsAsync(ThreadListOptions options, CancellationToken cancellationToken) =>
        ObservedStream.Of(Telemetry, Operations.ListThreads, null, ListThreadsCoreAsync(options, cancellationToken), cancellationToken);

    private Task ObservedPut(bool async, CheckpointPutRequest request, CancellationToken cancellationToken) =>
        ObservedCall.Run(Telemetry, Operations.Put, request.ThreadId, (Saver: this, async, request, cancellationToken), static (s, observed) =>
        {
            // Sizes feed histograms only: measure them when one listens, not whenever a logger is set.
            if (observed is not null && (CheckpointInstruments.BytesWritten.Enabled || CheckpointInstruments.ChunksWritten.Enabled || CheckpointInstruments.ChunksReused.Enabled))
            {
                RecordPut(observed, s.request);
            }

            return s.Saver.PutCore(s.async, s.request, s.cancellationToken);
        });

    private Task ObservedPutWrites(bool async, CheckpointPutWritesRequest request, CancellationToken cancellationToken) =>
        ObservedCall.Run(Telemetry, Operations.PutWrites, request.ThreadId, (Saver: this, async, request, cancellationToken), static (s, observed) =>
        {
            if (observed is not null && CheckpointInstruments.BytesWritten.Enabled)
            {
                observed.RecordBytesWritten(s.request.Writes.Sum(w => (long)(w.Value.Data?.Length ?? 0)));
            }

            return s.Saver.PutWritesCore(s.async, s.request, s.cancellationToken);
        });

    private Task ObservedDeleteThread(bool async, string threadId, CancellationToken cancellationToken) =>
        ObservedCall.Run(Telemetry, Operations.DeleteThread, threadId, (Saver: this, async, threadId, cancellationToken), static (s, _) => s.Saver.DeleteThreadCore(s.async, s.threadId, s.cancellationToken));

    private Task ObservedDeleteForRuns(bool async, IReadOnlyList<string> runIds, CancellationToken cancellationToken) =>
        ObservedCall.Run(Telemetry, Operations.DeleteForRuns, null, (Saver: this, async, runIds, cancellationToken), static (s, _) => s.Saver.DeleteForRunsCore(s.async, s.runIds, s.cancellationToken));

    private Task ObservedCopyThread(bool async, string sourceThreadId, string targetThreadId, CancellationToken cancellationToken) =>
        ObservedCall.Run(Telemetry, Operations.CopyThread, sourceThreadId, (Saver: this, async, sourceThreadId, targetThreadId, cancellationToken), static (s, _) => s.Saver.CopyThreadOrRewrite(s.async, s.sourceThreadId, s.targetThreadId, s.cancellationToken));

    private Task ObservedPrune(bool async, IReadOnlyList<string> threadIds, PruneStrategy strategy, CancellationToken cancellationToken) =>
        ObservedCall.Run(Telemetry, Operations.Prune, null, (Saver: this, async, threadIds, strategy, cancellationToken), static (s, _) => s.Saver.PruneCore(s.async, s.threadIds, s.strategy, s.cancellationToken));

    private Task<IReadOnlyDictionary<string, DeltaChannelHistory>> ObservedDeltaChannelHistory(bool async, RunConfig config, IReadOnlyList<string> channels, CancellationToken cancellationToken) =>
        ObservedCall.Run(Telemetry, Operations.GetDeltaChannelHistory, config.ThreadId, (Saver: this, async, config, channels, cancellationToken), static (s, _) =>
            s.Saver.GetDeltaChannelHistoryCore(s.async, s.config.ThreadId!, s.config.ResolvedCheckpointNs, s.config.CheckpointId, s.channels, s.cancellationToken));

    private static void RecordPut(StorageOperation observed, CheckpointPutRequest request)
    {
        long bytes = Encoding.UTF8.GetByteCount(request.CheckpointJson) + Encoding.UTF8.GetByteCount(request.MetadataJson);
        long chunksWritten = 0, chunksReused = 0;
        foreach (var blob in request.Blobs)
        {
            if (!blob.WrittenBefore)
            {
                bytes += blob.Value.Data?.Length ?? 0;
            }

            if (ChunkedValue.IsChunkChannel(blob.Channel))
            {
                _ = blob.WrittenBefore ? chunksReused++ : chunksWritten++;
            }
        }

        observed.RecordBytesWritten(bytes);
        observed.RecordChunks(chunksWritten, chunksReused);
    }
}

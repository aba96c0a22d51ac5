using System.Text;
using System.Text.Json.Nodes;

namespace Checkpoint;

/// <content>
/// Tracing, metrics and logging of every store operation, once for all backends (see <see cref="CheckpointTelemetry"/>):
/// a batch of one operation is named after it (<c>get</c>, <c>put</c>, <c>delete</c>, <c>search</c>,
/// <c>list_namespaces</c>), a larger one <c>batch</c>. A backend only names its database system.
/// </content>
public abstract partial class BaseStore
{
    private protected override string TelemetryCollection => "store";

    private protected override CheckpointDiagnosticsOptions? DiagnosticsOptions => Options.Diagnostics;

    private Task<int> ObservedSweepExpired(bool async, CancellationToken cancellationToken) =>
        ObservedCall.Run(Telemetry, Operations.SweepExpired, null, (Store: this, async, cancellationToken), static (s, _) => s.Store.SweepExpiredCore(s.async, s.cancellationToken));

    private Task<IReadOnlyList<object?>> ObservedBatch(bool async, IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken) =>
        ObservedCall.Run(Telemetry, OperationName(operations), null, (Store: this, async, operations, cancellationToken), static async (s, observed) =>
        {
            // Embedding is part of the operation: the generator may be remote and slow.
            var request = await s.Store.PrepareAsync(s.async, s.operations, s.cancellationToken).ConfigureAwait(false);
            s.cancellationToken.ThrowIfCancellationRequested();
            if (observed is not null)
            {
                observed.BatchSize = s.operations.Count;
                RecordBytesWritten(observed, s.operations);
            }

            var results = await s.Store.BatchCore(s.async, request, s.cancellationToken).ConfigureAwait(false);
            if (observed is not null)
            {
                RecordBytesRead(observed, results);
            }

            return results;
        });

    private static string OperationName(IReadOnlyList<StoreOperation> operations) => operations.Count != 1 ? Operations.Batch : operations[0] switch
    {
        GetOperation => Operations.Get,
        PutOperation { Value: null } => Operations.Delete,
        PutOperation => Operations.Put,
        SearchOperation => Operations.Search,
        ListNamespacesOperation => Operations.ListNamespaces,
        _ => Operations.Batch,
    };

    // Documents are measured only when a histogram listens: it costs serializing them once more.
    private static void RecordBytesWritten(StorageOperation observed, IReadOnlyList<StoreOperation> operations)
    {
        if (CheckpointInstruments.BytesWritten.Enabled && operations.Any(o => o is PutOperation { Value: not null }))
        {
            observed.RecordBytesWritten(operations.Sum(o => o is PutOperation { Value: { } value } ? SizeOf(value) : 0));
        }
    }

    private static void RecordBytesRead(StorageOperation observed, IReadOnlyList<object?> results)
    {
        if (!CheckpointInstruments.BytesRead.Enabled)
        {
            return;
        }

        foreach (var result in results)
        {
            observed.AddBytesRead(result switch
            {
                Item item => SizeOf(item.Value),
                IReadOnlyList<SearchItem> items => items.Sum(i => SizeOf(i.Value)),
                _ => 0,
            });
        }
    }

    private static long SizeOf(JsonObject document) => Encoding.UTF8.GetByteCount(document.ToJsonString());
}

using Checkpoint.Providers;

namespace Checkpoint.Abstractions.Tests.ModelBased;

/// <summary>A deliberately broken store for the shrinker tests: an in-memory store whose searches ignore the offset.</summary>
internal sealed class OffsetIgnoringStore(InMemoryStore inner) : BaseStore(inner.Options)
{
    protected override async Task<int> SweepExpiredCore(bool async, CancellationToken cancellationToken) =>
        async ? await inner.SweepExpiredAsync(cancellationToken) : inner.SweepExpired();

    protected override async Task<IReadOnlyList<object?>> BatchCore(bool async, StoreBatchRequest request, CancellationToken cancellationToken) =>
        async ? await inner.BatchAsync([.. request.Operations.Select(Break)], cancellationToken) : inner.Batch([.. request.Operations.Select(Break)]);

    protected override void Dispose(bool disposing) => inner.Dispose();

    private static StoreOperation Break(StoreOperation operation) => operation is SearchOperation search ? search with { Offset = 0 } : operation;
}

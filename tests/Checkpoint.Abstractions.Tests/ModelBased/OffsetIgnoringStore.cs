namespace Checkpoint.Abstractions.Tests.ModelBased;

/// <summary>A deliberately broken store for the shrinker tests: an in-memory store whose searches ignore the offset.</summary>
internal sealed class OffsetIgnoringStore(InMemoryStore inner) : BaseStore(inner.Options)
{
    public override int SweepExpired() => inner.SweepExpired();

    public override Task<int> SweepExpiredAsync(CancellationToken cancellationToken = default) => inner.SweepExpiredAsync(cancellationToken);

    protected override IReadOnlyList<object?> BatchCore(IReadOnlyList<StoreOperation> operations) => inner.Batch([.. operations.Select(Break)]);

    protected override Task<IReadOnlyList<object?>> BatchCoreAsync(IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken) =>
        inner.BatchAsync([.. operations.Select(Break)], cancellationToken);

    protected override void Dispose(bool disposing) => inner.Dispose();

    private static StoreOperation Break(StoreOperation operation) => operation is SearchOperation search ? search with { Offset = 0 } : operation;
}

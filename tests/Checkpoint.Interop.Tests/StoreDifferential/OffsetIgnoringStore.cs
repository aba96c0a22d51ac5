using Checkpoint.Providers;

namespace Checkpoint.Interop.Tests.StoreDifferential;

/// <summary>An in-memory store with a planted bug (searches ignore their offset), to prove the differential tier catches and shrinks a disagreement.</summary>
/// <param name="options">The options.</param>
public sealed class OffsetIgnoringStore(StoreOptions options) : BaseStore(options)
{
    private readonly InMemoryStore _inner = new(options);

    /// <inheritdoc />
    protected override Task<IReadOnlyList<object?>> BatchCore(bool async, StoreBatchRequest request, CancellationToken cancellationToken) =>
        _inner.BatchAsync([.. request.Operations.Select(o => o is SearchOperation s ? s with { Offset = 0 } : o)], cancellationToken);

    /// <inheritdoc />
    protected override Task<int> SweepExpiredCore(bool async, CancellationToken cancellationToken) => _inner.SweepExpiredAsync(cancellationToken);
}

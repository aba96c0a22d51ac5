using System.Text.Json.Nodes;

namespace Checkpoint.ConformanceSuite;

/// <summary>Puts an item, with or without its own TTL and indexing.</summary>
/// <param name="Labels">The namespace below the root.</param>
/// <param name="Key">The key.</param>
/// <param name="Value">The document.</param>
/// <param name="Ttl">The TTL, or <see langword="null"/> for the store default.</param>
/// <param name="Index">The fields to embed: <see langword="null"/> for the store default, empty for none.</param>
public sealed record PutItemStep(IReadOnlyList<string> Labels, string Key, JsonObject Value, TimeSpan? Ttl, IReadOnlyList<string>? Index) : StoreOperationStep
{
    /// <inheritdoc />
    public override async Task<ModelObservation> ApplyAsync(StoreApi store, StoreRun run)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(run);
        await store.PutAsync(run.Under(Labels), Key, Value.DeepClone().AsObject(), Indexing(), Ttl).ConfigureAwait(false);
        return ModelObservation.Of("ok");
    }

    /// <inheritdoc />
    public override StoreOperation ToOperation(StoreRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new PutOperation(run.Under(Labels), Key, Value.DeepClone().AsObject()) { Ttl = Ttl, Index = Indexing() };
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"put {Path(Labels)} {Key} {ModelCanonical.Json(Value)} ttl={(Ttl is null ? "default" : Ttl == Timeout.InfiniteTimeSpan ? "infinite" : Ttl.Value.ToString())} " +
        $"index={(Index is null ? "default" : Index.Count == 0 ? "disabled" : string.Join(",", Index))}";

    private ItemIndexing? Indexing() => Index is null ? null : Index.Count == 0 ? ItemIndexing.Disabled : ItemIndexing.Fields([.. Index]);
}

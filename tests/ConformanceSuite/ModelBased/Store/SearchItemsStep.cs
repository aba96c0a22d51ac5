using System.Text.Json.Nodes;

namespace Checkpoint.ConformanceSuite;

/// <summary>Searches under a prefix, with a filter, a page and a query or not.</summary>
/// <param name="Prefix">The prefix below the root (empty for the root itself).</param>
/// <param name="Filter">The filter, or <see langword="null"/>.</param>
/// <param name="Query">The query, or <see langword="null"/>.</param>
/// <param name="Limit">The limit.</param>
/// <param name="Offset">The offset.</param>
/// <param name="RefreshTtl">Whether to refresh returned items; <see langword="null"/> for the store default.</param>
public sealed record SearchItemsStep(IReadOnlyList<string> Prefix, JsonObject? Filter, string? Query, int Limit, int Offset, bool? RefreshTtl) : StoreOperationStep
{
    /// <inheritdoc />
    public override async Task<ModelObservation> ApplyAsync(StoreApi store, StoreRun run)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(run);
        return StoreModel.Render(await store.SearchAsync(run.Under(Prefix), Query, Conditions(), Limit, Offset, RefreshTtl).ConfigureAwait(false), run);
    }

    /// <inheritdoc />
    public override StoreOperation ToOperation(StoreRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new SearchOperation(run.Under(Prefix)) { Query = Query, Filter = Conditions(), Limit = Limit, Offset = Offset, RefreshTtl = RefreshTtl };
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"search {Path(Prefix)} filter={(Filter is null ? "none" : ModelCanonical.Json(Filter))} query={(Query is null ? "none" : $"\"{Query}\"")} " +
        $"limit={Limit} offset={Offset} refresh={RefreshTtl?.ToString() ?? "default"}";

    private Dictionary<string, JsonNode?>? Conditions() => Filter?.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
}

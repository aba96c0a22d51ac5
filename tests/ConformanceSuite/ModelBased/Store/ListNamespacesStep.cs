namespace Checkpoint.ConformanceSuite;

/// <summary>Lists namespaces under the root, with a suffix, a maximum depth and a page or not.</summary>
/// <param name="Prefix">The prefix below the root (may hold <c>*</c>).</param>
/// <param name="Suffix">The suffix, or <see langword="null"/>.</param>
/// <param name="MaxDepth">The maximum depth (counting the root label), or <see langword="null"/>.</param>
/// <param name="Limit">The limit.</param>
/// <param name="Offset">The offset.</param>
public sealed record ListNamespacesStep(IReadOnlyList<string> Prefix, IReadOnlyList<string>? Suffix, int? MaxDepth, int Limit, int Offset) : StoreOperationStep
{
    /// <inheritdoc />
    public override async Task<ModelObservation> ApplyAsync(StoreApi store, StoreRun run)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(run);
        var suffix = Suffix is null ? (StoreNamespace?)null : new StoreNamespace(Suffix);
        return StoreModel.Render(await store.ListNamespacesAsync(run.Under(Prefix), suffix, MaxDepth, Limit, Offset).ConfigureAwait(false), run);
    }

    /// <inheritdoc />
    public override StoreOperation ToOperation(StoreRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        List<NamespaceMatch> conditions = [new NamespaceMatch(NamespaceMatchType.Prefix, [.. run.Under(Prefix)])];
        if (Suffix is not null)
        {
            conditions.Add(new NamespaceMatch(NamespaceMatchType.Suffix, Suffix));
        }

        return new ListNamespacesOperation { MatchConditions = conditions, MaxDepth = MaxDepth, Limit = Limit, Offset = Offset };
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"list_namespaces prefix={Path(Prefix)} suffix={(Suffix is null ? "none" : string.Join("/", Suffix))} max_depth={MaxDepth?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} limit={Limit} offset={Offset}";
}

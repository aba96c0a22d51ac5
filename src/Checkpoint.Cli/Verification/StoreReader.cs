using System.Runtime.CompilerServices;

namespace Checkpoint.Cli.Verification;

/// <summary>Reads a whole store through its public API: every namespace, then every item of each, in pages.</summary>
internal static class StoreReader
{
    private const int Page = 500;

    /// <summary>Lists every namespace that holds items.</summary>
    /// <param name="store">The store.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The namespaces, in path order.</returns>
    public static async IAsyncEnumerable<StoreNamespace> NamespacesAsync(BaseStore store, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var offset = 0; ; offset += Page)
        {
            var page = await store.ListNamespacesAsync(limit: Page, offset: offset, cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var ns in page)
            {
                yield return ns;
            }

            if (page.Count < Page)
            {
                yield break;
            }
        }
    }

    /// <summary>Lists the items directly in one namespace (not in namespaces below it).</summary>
    /// <param name="store">The store.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The items.</returns>
    public static async IAsyncEnumerable<SearchItem> ItemsAsync(BaseStore store, StoreNamespace ns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var offset = 0; ; offset += Page)
        {
            var page = await store.SearchAsync(ns, limit: Page, offset: offset, refreshTtl: false, cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Where(i => i.Namespace == ns))
            {
                yield return item;
            }

            if (page.Count < Page)
            {
                yield break;
            }
        }
    }
}

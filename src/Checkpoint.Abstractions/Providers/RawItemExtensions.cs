using System.Runtime.CompilerServices;

namespace Checkpoint.Providers;

/// <summary>
/// Reads and writes store items with everything their store keeps (<see cref="RawItem"/>): for tools that move a store
/// to another backend keeping timestamps, expiry and search vectors. A backend opts in by overriding
/// <c>BaseStore.ListRawItemsCore</c> and <c>BaseStore.PutRawItemsCore</c>; every store of this repository does.
/// </summary>
public static class RawItemExtensions
{
    private const int PageSize = 500;

    /// <summary>Lists every live item of a store, page by page (expired items are not returned).</summary>
    /// <param name="store">The store.</param>
    /// <returns>The items, in an order of the backend's choosing.</returns>
    /// <exception cref="CorruptItemException">An item cannot be read; every item before it was returned, and a listing resumed after it reads on.</exception>
    /// <exception cref="NotSupportedException">The store does not support raw reads.</exception>
    public static IEnumerable<RawItem> ListRawItems(this BaseStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return List(store, null);
    }

    /// <summary>
    /// Lists the live items that come after the given namespace and key in the store's listing order: resumes a listing
    /// that stopped there (for example at a <see cref="CorruptItemException"/>, whose item need not be readable, nor exist).
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="afterNamespace">The namespace of the last item already seen.</param>
    /// <param name="afterKey">The key of the last item already seen.</param>
    /// <returns>The items after it, in the same order as <see cref="ListRawItems(BaseStore)"/>.</returns>
    /// <exception cref="CorruptItemException">An item cannot be read; every item before it was returned, and a listing resumed after it reads on.</exception>
    /// <exception cref="InvalidNamespaceException"><paramref name="afterNamespace"/> is not one an item can be stored under (no labels, an empty label, a label with <c>.</c>).</exception>
    /// <exception cref="ArgumentException"><paramref name="afterKey"/> is empty or not valid Unicode.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="afterKey"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException">The store does not support raw reads.</exception>
    public static IEnumerable<RawItem> ListRawItems(this BaseStore store, StoreNamespace afterNamespace, string afterKey)
    {
        ArgumentNullException.ThrowIfNull(store);
        return List(store, Position(afterNamespace, afterKey));
    }

    /// <summary>Asynchronously lists every live item of a store; see <see cref="ListRawItems(BaseStore)"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The items.</returns>
    /// <exception cref="CorruptItemException">An item cannot be read; every item before it was returned, and a listing resumed after it reads on.</exception>
    /// <exception cref="NotSupportedException">The store does not support raw reads.</exception>
    public static IAsyncEnumerable<RawItem> ListRawItemsAsync(this BaseStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return ListAsync(store, null, cancellationToken);
    }

    /// <summary>
    /// Asynchronously lists the live items after the given namespace and key; see
    /// <see cref="ListRawItems(BaseStore, StoreNamespace, string)"/>.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="afterNamespace">The namespace of the last item already seen.</param>
    /// <param name="afterKey">The key of the last item already seen.</param>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The items after it.</returns>
    /// <exception cref="CorruptItemException">An item cannot be read; every item before it was returned, and a listing resumed after it reads on.</exception>
    /// <exception cref="InvalidNamespaceException"><paramref name="afterNamespace"/> is not one an item can be stored under (no labels, an empty label, a label with <c>.</c>).</exception>
    /// <exception cref="ArgumentException"><paramref name="afterKey"/> is empty or not valid Unicode.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="afterKey"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException">The store does not support raw reads.</exception>
    public static IAsyncEnumerable<RawItem> ListRawItemsAsync(this BaseStore store, StoreNamespace afterNamespace, string afterKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return ListAsync(store, Position(afterNamespace, afterKey), cancellationToken);
    }

    // Backends page by the namespace and key of the previous page's last item only, so a position is an item with
    // nothing else. It must be a place an item can be stored (deleted since or not): anything else is a caller's
    // mistake, refused before a page is read.
    private static RawItem Position(StoreNamespace afterNamespace, string afterKey)
    {
        ArgumentNullException.ThrowIfNull(afterKey);
        afterNamespace.Validate();
        if (afterKey.Length == 0 || Identifier.FindProblem(afterKey) is not null)
        {
            throw new ArgumentException("The key to resume after must be a non-empty string of valid Unicode without NUL characters, as every stored key is.", nameof(afterKey));
        }

        return new RawItem(afterNamespace, afterKey, [], default, default, null, null, []);
    }

    private static IEnumerable<RawItem> List(BaseStore store, RawItem? after)
    {
        var limit = PageSize;
        while (true)
        {
            (var page, limit) = SyncPath.Result(NextPageAsync(store, async: false, after, limit, CancellationToken.None));
            foreach (var item in page)
            {
                yield return item;
            }

            if (page.Count < limit)
            {
                yield break;
            }

            after = page[^1];
        }
    }

    private static async IAsyncEnumerable<RawItem> ListAsync(BaseStore store, RawItem? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var limit = PageSize;
        while (true)
        {
            (var page, limit) = await NextPageAsync(store, async: true, after, limit, cancellationToken).ConfigureAwait(false);
            foreach (var item in page)
            {
                yield return item;
            }

            if (page.Count < limit)
            {
                yield break;
            }

            after = page[^1];
        }
    }

    // A page fails whole: at a damaged item, read on in pages half as long (down to one item), so the items in front of
    // it are returned before its exception, which names it (the caller can resume after it), in a few round trips
    // rather than one per item in front of it.
    private static async Task<(IReadOnlyList<RawItem> Page, int Limit)> NextPageAsync(BaseStore store, bool async, RawItem? after, int limit, CancellationToken cancellationToken)
    {
        try
        {
            return (await store.ListRawItemsPage(async, after, limit, cancellationToken).ConfigureAwait(false), limit);
        }
        catch (CorruptItemException) when (limit > 1)
        {
            return await NextPageAsync(store, async, after, limit / 2, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes items exactly as given (document, timestamps, expiry, time to live, embeddings), replacing items with the
    /// same namespace and key. Nothing is embedded and the store's clock is not consulted, so writing the same items
    /// again changes nothing.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="items">The items, typically read with <see cref="ListRawItems(BaseStore)"/> from another store.</param>
    /// <exception cref="ArgumentException">A namespace or key is one a put would refuse.</exception>
    /// <exception cref="NotSupportedException">The store does not support raw writes.</exception>
    public static void PutRawItems(this BaseStore store, IReadOnlyList<RawItem> items)
    {
        ArgumentNullException.ThrowIfNull(store);
        SyncPath.Wait(store.PutRawItems(async: false, items, CancellationToken.None));
    }

    /// <summary>Asynchronously writes items exactly as given; see <see cref="PutRawItems"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="items">The items.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the items are stored.</returns>
    /// <exception cref="ArgumentException">A namespace or key is one a put would refuse.</exception>
    /// <exception cref="NotSupportedException">The store does not support raw writes.</exception>
    public static Task PutRawItemsAsync(this BaseStore store, IReadOnlyList<RawItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.PutRawItems(async: true, items, cancellationToken);
    }
}

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
    /// <exception cref="NotSupportedException">The store does not support raw reads.</exception>
    public static IEnumerable<RawItem> ListRawItems(this BaseStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return List(store);

        static IEnumerable<RawItem> List(BaseStore store)
        {
            RawItem? after = null;
            while (true)
            {
                var page = SyncPath.Result(store.ListRawItemsPage(async: false, after, PageSize, CancellationToken.None));
                foreach (var item in page)
                {
                    yield return item;
                }

                if (page.Count < PageSize)
                {
                    yield break;
                }

                after = page[^1];
            }
        }
    }

    /// <summary>Asynchronously lists every live item of a store; see <see cref="ListRawItems"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The items.</returns>
    /// <exception cref="NotSupportedException">The store does not support raw reads.</exception>
    public static IAsyncEnumerable<RawItem> ListRawItemsAsync(this BaseStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return List(store, cancellationToken);

        static async IAsyncEnumerable<RawItem> List(BaseStore store, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            RawItem? after = null;
            while (true)
            {
                var page = await store.ListRawItemsPage(async: true, after, PageSize, cancellationToken).ConfigureAwait(false);
                foreach (var item in page)
                {
                    yield return item;
                }

                if (page.Count < PageSize)
                {
                    yield break;
                }

                after = page[^1];
            }
        }
    }

    /// <summary>
    /// Writes items exactly as given (document, timestamps, expiry, time to live, embeddings), replacing items with the
    /// same namespace and key. Nothing is embedded and the store's clock is not consulted, so writing the same items
    /// again changes nothing.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="items">The items, typically read with <see cref="ListRawItems"/> from another store.</param>
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

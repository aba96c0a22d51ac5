using Checkpoint.Providers;

namespace Checkpoint;

/// <content>Raw item reads and writes (<see cref="RawItemExtensions"/>), for tools that move a store to another backend.</content>
public abstract partial class BaseStore
{
    /// <summary>
    /// Reads a page of live (not expired) items with everything stored about them, in an order of the backend's choosing
    /// that stays the same while the store is not written.
    /// </summary>
    /// <param name="async">Whether the caller is the async method; when <see langword="false"/>, use the driver's synchronous API and return a completed task.</param>
    /// <param name="after">The last item of the previous page, or <see langword="null"/> for the first page. Only its namespace and key are meaningful: a listing resumed past a damaged item passes an item with nothing else.</param>
    /// <param name="limit">The largest page (positive).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The page; shorter than <paramref name="limit"/> only when it is the last.</returns>
    /// <exception cref="NotSupportedException">The backend does not implement raw reads (the default).</exception>
    protected virtual Task<IReadOnlyList<RawItem>> ListRawItemsCore(bool async, RawItem? after, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} does not support raw item reads.");

    /// <summary>
    /// Writes items exactly as given, replacing items with the same namespace and key: document, timestamps, expiry, time
    /// to live and embeddings (the item's previous embeddings are removed). Nothing is embedded, and the store's clock is
    /// not consulted.
    /// </summary>
    /// <param name="async">Whether the caller is the async method; when <see langword="false"/>, use the driver's synchronous API and return a completed task.</param>
    /// <param name="items">The items (validated: namespaces and keys a put would accept).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the items are stored.</returns>
    /// <exception cref="NotSupportedException">The backend does not implement raw writes (the default).</exception>
    protected virtual Task PutRawItemsCore(bool async, IReadOnlyList<RawItem> items, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} does not support raw item writes.");

    /// <summary>
    /// Runs <paramref name="read"/>, which decodes a stored item; a failure (malformed JSON, a document that is not an
    /// object, a field of the wrong form) becomes a <see cref="CorruptItemException"/> naming the item, so a reader can
    /// report it and go on past it.
    /// </summary>
    /// <typeparam name="T">What is read.</typeparam>
    /// <param name="namespace">The namespace of the stored item.</param>
    /// <param name="key">The key of the stored item.</param>
    /// <param name="read">The decoding.</param>
    /// <returns>What <paramref name="read"/> returns.</returns>
    /// <exception cref="CorruptItemException"><paramref name="read"/> failed.</exception>
    protected static T ReadStoredItem<T>(StoreNamespace @namespace, string key, Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return read();
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw new CorruptItemException(@namespace, key, $"it cannot be read ({Reason(e)})", e);
        }
    }

    internal Task<IReadOnlyList<RawItem>> ListRawItemsPage(bool async, RawItem? after, int limit, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ListRawItemsCore(async, after, limit, cancellationToken);
    }

    internal Task PutRawItems(bool async, IReadOnlyList<RawItem> items, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            ArgumentNullException.ThrowIfNull(item.Value, nameof(items));
            ArgumentNullException.ThrowIfNull(item.Embeddings, nameof(items));
            item.Namespace.Validate();
            if (string.IsNullOrEmpty(item.Key) || Identifier.FindProblem(item.Key) is not null)
            {
                throw new ArgumentException("A key must be a non-empty string of valid Unicode without NUL characters.", nameof(items));
            }

            if (item.Ttl is { } ttl && ttl <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(items), ttl, $"Item '{item.Key}' has a time to live that is not positive.");
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return items.Count == 0 ? Task.CompletedTask : PutRawItemsCore(async, items, cancellationToken);
    }
}

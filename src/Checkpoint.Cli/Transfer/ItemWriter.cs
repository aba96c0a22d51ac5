using Checkpoint.Providers;

namespace Checkpoint.Cli.Transfer;

/// <summary>
/// Writes store items to a target in batches, leaving alone items the target already holds identically and (unless
/// overwriting) items it holds with other content, then reads the target back to check every written item.
/// </summary>
internal sealed class ItemWriter
{
    private const int BatchSize = 200;
    private readonly BaseStore _target;
    private readonly bool _overwrite;
    private readonly Dictionary<(string Path, string Key), string> _before;
    private readonly Dictionary<(string Path, string Key), string> _source = [];
    private readonly List<RawItem> _pending = [];

    private ItemWriter(BaseStore target, bool overwrite, Dictionary<(string Path, string Key), string> before)
    {
        _target = target;
        _overwrite = overwrite;
        _before = before;
    }

    public ItemResult Result { get; } = new();

    /// <summary>Reads what the target holds, then returns a writer.</summary>
    /// <param name="target">The target store.</param>
    /// <param name="overwrite">Whether items with other content are replaced.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The writer.</returns>
    public static async Task<ItemWriter> OpenAsync(BaseStore target, bool overwrite, CancellationToken cancellationToken) =>
        new(target, overwrite, await HashesAsync(target, cancellationToken).ConfigureAwait(false));

    /// <summary>Reads every item of a store into hashes by identity.</summary>
    /// <param name="store">The store.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The hashes.</returns>
    public static async Task<Dictionary<(string Path, string Key), string>> HashesAsync(BaseStore store, CancellationToken cancellationToken)
    {
        var hashes = new Dictionary<(string Path, string Key), string>();
        await foreach (var item in store.ListRawItemsAsync(cancellationToken).ConfigureAwait(false))
        {
            hashes[ItemHash.KeyOf(item)] = ItemHash.Of(item);
        }

        return hashes;
    }

    /// <summary>Adds an item to write.</summary>
    /// <param name="item">The item.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>A task that completes when any full batch is written.</returns>
    public async Task AddAsync(RawItem item, CancellationToken cancellationToken)
    {
        var key = ItemHash.KeyOf(item);
        var hash = ItemHash.Of(item);
        _source[key] = hash;
        if (_before.TryGetValue(key, out var existing))
        {
            if (existing == hash)
            {
                Result.AlreadyThere++;
                return;
            }

            if (!_overwrite)
            {
                Result.Conflicts.Add($"{item.Namespace} {item.Key}");
                return;
            }
        }

        _pending.Add(item);
        if (_pending.Count >= BatchSize)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes what is pending, then checks every written item on the target.</summary>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The outcome.</returns>
    public async Task<ItemResult> CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        var after = await HashesAsync(_target, cancellationToken).ConfigureAwait(false);
        var conflicts = Result.Conflicts.ToHashSet(StringComparer.Ordinal);
        foreach (var (key, hash) in _source)
        {
            if (!after.TryGetValue(key, out var written) || written != hash)
            {
                var name = $"{StoreNamespace.FromPath(key.Path)} {key.Key}";
                if (!conflicts.Contains(name))
                {
                    Result.Mismatches.Add(name);
                }
            }
        }

        Result.Sha256 = ItemHash.OfStore(_source);
        return Result;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        await _target.PutRawItemsAsync([.. _pending], cancellationToken).ConfigureAwait(false);
        Result.Copied += _pending.Count;
        _pending.Clear();
    }
}

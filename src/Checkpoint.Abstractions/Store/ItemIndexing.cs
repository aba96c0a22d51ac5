using Checkpoint.Providers;

namespace Checkpoint;

/// <summary>Which fields of an item are embedded for semantic search, overriding <see cref="StoreIndexOptions.Fields"/> for one put.</summary>
public sealed class ItemIndexing
{
    private ItemIndexing(IReadOnlyList<string>? fields) => FieldPaths = fields;

    /// <summary>Gets an indexing that embeds nothing: the item is stored but never matched by a query.</summary>
    public static ItemIndexing Disabled { get; } = new(null);

    /// <summary>Gets the field paths to embed; <see langword="null"/> when indexing is disabled.</summary>
    public IReadOnlyList<string>? FieldPaths { get; }

    /// <summary>Creates an indexing that embeds the given fields.</summary>
    /// <param name="paths">Field paths, see <see cref="IndexedText"/>; <c>$</c> is the whole document.</param>
    /// <returns>The indexing.</returns>
    /// <exception cref="ArgumentException">No path is given or a path is malformed.</exception>
    public static ItemIndexing Fields(params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Length == 0)
        {
            throw new ArgumentException("Give at least one field path, or use ItemIndexing.Disabled.", nameof(paths));
        }

        foreach (var path in paths)
        {
            IndexedText.ValidatePath(path);
        }

        return new ItemIndexing([.. paths]);
    }
}

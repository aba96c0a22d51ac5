namespace Checkpoint;

/// <summary>A list type whose values <see cref="ListItemCodec"/> serializes, compares and copies item by item.</summary>
internal sealed class ListDescription
{
    /// <summary>Gets the stored tag of such lists, for example <c>json:list&lt;chatmessage&gt;</c>.</summary>
    public required string Tag { get; init; }

    /// <summary>Gets the list type: <see cref="List{T}"/> or an array.</summary>
    public required Type ListType { get; init; }

    /// <summary>
    /// Gets whether <see cref="ListType"/> is an array, kept because reads and puts ask per item and
    /// <see cref="Type.IsArray"/> is a runtime call each time.
    /// </summary>
    public required bool IsArray { get; init; }

    /// <summary>Gets the item type.</summary>
    public required Type ElementType { get; init; }

    /// <summary>Gets whether items are written by <see cref="PlainObjectConverter"/> (a list of <c>any</c> or of untyped containers).</summary>
    public required bool Untyped { get; init; }

    /// <summary>Gets the shape items are compared and copied with.</summary>
    public required ValueShape ElementShape { get; init; }

    /// <summary>Gets a factory of empty lists of <see cref="ListType"/> with room for a number of items (arrays of that length).</summary>
    public required Func<int, System.Collections.IList> CreateList { get; init; }

    /// <summary>Gets the comparer written out for chat messages, when items are chat messages with the contract it is written for.</summary>
    public ChatMessageEquality? Messages { get; init; }

    /// <summary>Gets whether a copied item is the same instance: the items are immutable leaves.</summary>
    public bool ItemsImmutable => ElementShape.Kind == ShapeKind.Leaf;
}

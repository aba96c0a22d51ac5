namespace Checkpoint;

/// <content>Item-level access to the lists this serializer writes (see <see cref="ListItemCodec"/>).</content>
public sealed partial class JsonCheckpointSerializer
{
    private ListItemCodec? _listItems;

    /// <summary>Gets the item-level operations on this serializer's lists, used to store long lists incrementally.</summary>
    internal ListItemCodec ListItems => _listItems ??= new ListItemCodec(this, _options);

    /// <summary>Returns whether a stored tag names an untyped list, whose items <see cref="PlainObjectConverter"/> writes.</summary>
    internal static bool IsUntypedTag(string tag) => tag.StartsWith(JsonPrefix, StringComparison.Ordinal) && UntypedName().IsMatch(tag[JsonPrefix.Length..]);

    /// <summary>Returns the type a <c>json:</c> tag names on the allow-list, or <see langword="null"/>.</summary>
    internal Type? ResolveTag(string tag) => tag.StartsWith(JsonPrefix, StringComparison.Ordinal) ? _types.TryResolve(tag[JsonPrefix.Length..]) : null;
}

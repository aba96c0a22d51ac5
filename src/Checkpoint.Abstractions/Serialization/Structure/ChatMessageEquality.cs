using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Extensions.AI;

namespace Checkpoint;

/// <summary>
/// <see cref="SerializedEquality"/> for chat messages, written out for the members the contracts of
/// <see cref="ChatMessage"/> and <see cref="TextContent"/> serialize, so that a put of a long conversation compares a
/// text message without walking shapes (no shape resolution, delegate or interface call per member). Members outside
/// the common shape (additional properties, annotations, contents other than text, a contents list of another type)
/// go through the general walk, so every verdict is the general walk's.
/// </summary>
/// <remarks>
/// <para>
/// Built only for the contracts this code is written for: a message serializes exactly its author name, creation
/// time, role, contents, message id and additional properties; contents are a collection of polymorphic
/// <see cref="AIContent"/>; a <see cref="TextContent"/> among them serializes its text, annotations and additional
/// properties. Any other contract (a converter, a member added or removed by options or by another version of
/// Microsoft.Extensions.AI) leaves messages to the general walk.
/// </para>
/// <para>
/// A put compares the caller's messages with the cache's copies, which deserialization built with strings of their
/// own, so every put would read every text again. Where a copy's text, message id or role is equal to the caller's
/// but another instance, the copy takes the caller's instance: strings never change, so nothing the copy serializes
/// to changes (a concurrent reader copying it sees one instance or the other, with the same characters), and the next
/// put finds them equal by reference.
/// </para>
/// </remarks>
internal sealed class ChatMessageEquality
{
    private readonly ValueShape _messageProperties;
    private readonly ValueShape _contents;
    private readonly ValueShape _content;
    private readonly ValueShape _textAnnotations;
    private readonly ValueShape _textProperties;

    private ChatMessageEquality(ValueShape messageProperties, ValueShape contents, ValueShape textAnnotations, ValueShape textProperties)
    {
        _messageProperties = messageProperties;
        _contents = contents;
        _content = contents.Element;
        _textAnnotations = textAnnotations;
        _textProperties = textProperties;
    }

    /// <summary>Returns the comparer for items declared with <paramref name="shape"/>, or <see langword="null"/> when they are not chat messages with the expected contracts.</summary>
    public static ChatMessageEquality? For(ValueShape shape)
    {
        if (shape.Type != typeof(ChatMessage) || shape.DerivedTypes is not null
            || Members(shape, nameof(ChatMessage.AuthorName), nameof(ChatMessage.CreatedAt), nameof(ChatMessage.Role), nameof(ChatMessage.Contents), nameof(ChatMessage.MessageId), nameof(ChatMessage.AdditionalProperties)) is not { } message
            || message[nameof(ChatMessage.Contents)] is not { Kind: ShapeKind.Enumerable } contents
            || contents.ElementType != typeof(AIContent))
        {
            return null;
        }

        // The shape a text content resolves to among the contents: its derived contract, written with its type discriminator.
        var text = contents.Element.Resolve(new TextContent(null));
        return text.Type == typeof(TextContent)
            && Members(text, nameof(TextContent.Text), nameof(TextContent.Annotations), nameof(TextContent.AdditionalProperties)) is { } members
            ? new ChatMessageEquality(message[nameof(ChatMessage.AdditionalProperties)], contents, members[nameof(TextContent.Annotations)], members[nameof(TextContent.AdditionalProperties)])
            : null;
    }

    /// <summary>
    /// Returns whether a caller's message serializes exactly as the cache's copy of a stored one; equal strings of the
    /// copy become the caller's instances. A getter that throws makes them unequal, as in the general walk.
    /// </summary>
    public bool Equal(ChatMessage current, ChatMessage snapshot)
    {
        try
        {
            if (!string.Equals(current.AuthorName, snapshot.AuthorName, StringComparison.Ordinal)
                || !LeafEquality.NullableEqual(current.CreatedAt, snapshot.CreatedAt)
                || !ContentsEqual(current.Contents, snapshot.Contents)
                || !MemberEqual(current.AdditionalProperties, snapshot.AdditionalProperties, _messageProperties))
            {
                return false;
            }

            var role = current.Role;
            if (!ReferenceEquals(role.Value, snapshot.Role.Value))
            {
                if (!string.Equals(role.Value, snapshot.Role.Value, StringComparison.Ordinal))
                {
                    return false;
                }

                snapshot.Role = role;
            }

            var id = current.MessageId;
            if (!ReferenceEquals(id, snapshot.MessageId))
            {
                if (!string.Equals(id, snapshot.MessageId, StringComparison.Ordinal))
                {
                    return false;
                }

                snapshot.MessageId = id;
            }

            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    private bool ContentsEqual(IList<AIContent> current, IList<AIContent> snapshot)
    {
        if (current.GetType() != typeof(List<AIContent>) || snapshot.GetType() != typeof(List<AIContent>))
        {
            return MemberEqual(current, snapshot, _contents);
        }

        var x = CollectionsMarshal.AsSpan((List<AIContent>)current);
        var y = CollectionsMarshal.AsSpan((List<AIContent>)snapshot);
        if (x.Length != y.Length)
        {
            return false;
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] is { } left && y[i] is { } right && left.GetType() == typeof(TextContent) && right.GetType() == typeof(TextContent))
            {
                if (!TextEqual((TextContent)left, (TextContent)right))
                {
                    return false;
                }
            }
            else if (!SerializedEquality.EqualElement(x[i], y[i], _content))
            {
                return false;
            }
        }

        return true;
    }

    private bool TextEqual(TextContent current, TextContent snapshot)
    {
        var text = current.Text;
        if (!ReferenceEquals(text, snapshot.Text))
        {
            if (!string.Equals(text, snapshot.Text, StringComparison.Ordinal))
            {
                return false;
            }

            snapshot.Text = text;
        }

        return MemberEqual(current.Annotations, snapshot.Annotations, _textAnnotations) && MemberEqual(current.AdditionalProperties, snapshot.AdditionalProperties, _textProperties);
    }

    // Members that are mostly absent on both sides are settled without a call, as compiled comparers settle them.
    private static bool MemberEqual(object? a, object? b, ValueShape shape) =>
        a is null ? b is null : b is not null && SerializedEquality.EqualMember(a, b, shape);

    /// <summary>
    /// Returns the shapes of an object shape's serialized members by CLR name when they are exactly the named public
    /// properties of its type, or <see langword="null"/>.
    /// </summary>
    private static Dictionary<string, ValueShape>? Members(ValueShape shape, params string[] names)
    {
        if (shape.Kind != ShapeKind.Object || shape.Properties.Length != names.Length)
        {
            return null;
        }

        var members = new Dictionary<string, ValueShape>(StringComparer.Ordinal);
        foreach (var property in shape.Properties)
        {
            if (property.Member is not PropertyInfo { Name: var name } clr || !names.Contains(name)
                || shape.Type.GetProperty(name) is not { } expected || !clr.HasSameMetadataDefinitionAs(expected) || clr.PropertyType != property.Type
                || !members.TryAdd(name, property.Shape))
            {
                return null;
            }
        }

        return members;
    }
}

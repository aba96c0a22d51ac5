using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint;

/// <summary>A stored document: a JSON object under a namespace and key, with its creation and update times.</summary>
/// <remarks>
/// Timestamps have millisecond precision in every backend. Each read returns a new instance: changing
/// <see cref="Value"/> does not change the store.
/// </remarks>
public class Item : IEquatable<Item>
{
    /// <summary>Initializes an item.</summary>
    /// <param name="namespace">The namespace.</param>
    /// <param name="key">The key, unique within the namespace.</param>
    /// <param name="value">The document.</param>
    /// <param name="createdAt">When the key was first written.</param>
    /// <param name="updatedAt">When the key was last written.</param>
    public Item(StoreNamespace @namespace, string key, JsonObject value, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        Namespace = @namespace;
        Key = key;
        Value = value;
        CreatedAt = createdAt;
        UpdatedAt = updatedAt;
    }

    /// <summary>Gets the namespace.</summary>
    public StoreNamespace Namespace { get; }

    /// <summary>Gets the key.</summary>
    public string Key { get; }

    /// <summary>Gets the document.</summary>
    public JsonObject Value { get; }

    /// <summary>Gets when the key was first written; kept when the item is overwritten.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Gets when the key was last written.</summary>
    public DateTimeOffset UpdatedAt { get; }

    /// <summary>Deserializes the document as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="options">JSON options; <see cref="JsonSerializerOptions.Web"/> when <see langword="null"/>.</param>
    /// <returns>The value.</returns>
    public T? GetValue<T>(JsonSerializerOptions? options = null) => Value.Deserialize<T>(options ?? JsonSerializerOptions.Web);

    /// <inheritdoc />
    public virtual bool Equals(Item? other) =>
        other is not null
        && other.GetType() == GetType()
        && Namespace == other.Namespace
        && string.Equals(Key, other.Key, StringComparison.Ordinal)
        && JsonNode.DeepEquals(Value, other.Value)
        && CreatedAt == other.CreatedAt
        && UpdatedAt == other.UpdatedAt;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Item other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Namespace, Key);

    /// <inheritdoc />
    public override string ToString() => $"{Namespace}/{Key}: {Value.ToJsonString()}";
}

using System.Text.Json.Serialization.Metadata;

namespace Checkpoint;

/// <summary>One serialized property of an object shape: how to read it, and how deserialization would set it.</summary>
internal sealed class ShapeProperty
{
    private readonly ValueShapes _owner;
    private ValueShape? _shape;

    public ShapeProperty(ValueShapes owner, JsonPropertyInfo property)
    {
        _owner = owner;
        Get = property.Get!;
        Set = property.AssociatedParameter is null ? property.Set : null;
        Type = property.PropertyType;
        ConstructorPosition = property.AssociatedParameter?.Position ?? -1;
        OwnConverter = property.CustomConverter is not null;
        Member = property.AttributeProvider as System.Reflection.MemberInfo;
        Name = property.Name;
    }

    /// <summary>Gets the property's JSON name.</summary>
    public string Name { get; }

    /// <summary>Gets the CLR property or field, when the contract names it (compiled accessors use it).</summary>
    public System.Reflection.MemberInfo? Member { get; }

    /// <summary>Gets the getter.</summary>
    public Func<object, object?> Get { get; }

    /// <summary>Gets the setter deserialization calls after construction, or <see langword="null"/> (a constructor parameter, or read-only).</summary>
    public Action<object, object?>? Set { get; }

    /// <summary>Gets the declared type, which decides how the value is written.</summary>
    public Type Type { get; }

    /// <summary>Gets the constructor parameter that receives the value, or -1.</summary>
    public int ConstructorPosition { get; }

    /// <summary>Gets whether a converter on the property itself writes it (then only leaf values are understood).</summary>
    public bool OwnConverter { get; }

    /// <summary>Gets the shape of the declared type, resolved on first use (types may refer to themselves).</summary>
    public ValueShape Shape => _shape ??= OwnConverter && !LeafValues.IsLeaf(Nullable.GetUnderlyingType(Type) ?? Type) ? ValueShape.Unsupported(Type) : _owner.Of(Type);
}

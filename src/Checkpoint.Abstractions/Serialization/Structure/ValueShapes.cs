using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Checkpoint;

/// <summary>
/// The shapes of the types one set of serializer options writes, read from System.Text.Json's own contracts (the
/// metadata its source generator or reflection produced), and cached per type.
/// </summary>
/// <param name="options">The serializer's options, read-only; values declared as <see cref="object"/> are written by <see cref="PlainObjectConverter"/>.</param>
internal sealed class ValueShapes(JsonSerializerOptions options)
{
    private readonly ConcurrentDictionary<Type, ValueShape> _shapes = new();

    /// <summary>Gets the options the shapes describe.</summary>
    public JsonSerializerOptions Options { get; } = options;

    /// <summary>Returns the shape of a declared type.</summary>
    public ValueShape Of(Type declared) => _shapes.GetOrAdd(declared, Build);

    private ValueShape Build(Type declared)
    {
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        if (type == typeof(object))
        {
            return new ValueShape { Kind = ShapeKind.Plain, Type = type, Owner = this };
        }

        if (type == typeof(byte[]))
        {
            return new ValueShape { Kind = ShapeKind.Bytes, Type = type };
        }

        if (typeof(JsonNode).IsAssignableFrom(type))
        {
            return new ValueShape { Kind = ShapeKind.Node, Type = type };
        }

        if (LeafValues.IsLeaf(type))
        {
            return new ValueShape { Kind = ShapeKind.Leaf, Type = type };
        }

        JsonTypeInfo info;
        try
        {
            info = Options.GetTypeInfo(type);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return ValueShape.Unsupported(type);
        }

        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => new ValueShape { Kind = ShapeKind.Enumerable, Type = type, Owner = this, Info = info, ElementType = info.ElementType },
            JsonTypeInfoKind.Dictionary => new ValueShape { Kind = ShapeKind.Dictionary, Type = type, Owner = this, Info = info, ElementType = info.ElementType, KeyType = info.KeyType },
            JsonTypeInfoKind.Object => BuildObject(type, info),
            _ => ValueShape.Unsupported(type),
        };
    }

    private ValueShape BuildObject(Type type, JsonTypeInfo info)
    {
        var properties = info.Properties.Where(p => p.Get is not null).Select(p => new ShapeProperty(this, p)).ToArray();
        var constructible = !type.IsAbstract && info.Properties.All(p => !Populates(info, p));
        ConstructorInfo? constructor = null;
        object?[] defaults = [];
        if (info.CreateObject is null)
        {
            if (constructible && info.ConstructorAttributeProvider is ConstructorInfo parameterized)
            {
                constructor = parameterized;
                defaults = [.. parameterized.GetParameters().Select(DefaultOf)];
            }
            else
            {
                constructible = false;
            }
        }

        IReadOnlySet<Type>? derived = info.PolymorphismOptions is { } polymorphism
            ? polymorphism.DerivedTypes.Select(d => d.DerivedType).Where(t => t != type).ToHashSet()
            : null;
        return new ValueShape
        {
            Kind = ShapeKind.Object,
            Type = type,
            Owner = this,
            Info = info,
            Properties = properties,
            Constructor = constructor,
            ConstructorDefaults = defaults,
            Constructible = constructible,
            DerivedTypes = derived,
        };
    }

    // Populating an existing member instead of replacing it, or extension data without a setter, is filled in ways a
    // copy would have to imitate: such types are not copied (reads then parse them again, which is always right).
    private bool Populates(JsonTypeInfo info, JsonPropertyInfo property) =>
        (property.ObjectCreationHandling ?? info.PreferredPropertyObjectCreationHandling ?? Options.PreferredObjectCreationHandling) == JsonObjectCreationHandling.Populate
        || (property.IsExtensionData && property.Set is null);

    private static object? DefaultOf(ParameterInfo parameter) =>
        parameter.HasDefaultValue && parameter.DefaultValue is not (null or DBNull or Missing)
            ? parameter.DefaultValue
            : parameter.ParameterType.IsValueType ? Activator.CreateInstance(parameter.ParameterType) : null;
}

using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace Checkpoint;

/// <summary>
/// What <see cref="ValueShapes"/> knows about one declared type: how the serializer writes its values (their JSON
/// contract) and how its deserializer builds them, so that values compare the way they serialize and copy the way
/// they load.
/// </summary>
internal sealed class ValueShape
{
    private ValueShape? _element;
    private ValueShape? _key;
    private Dictionary<Type, ValueShape>? _derived;
    private ValueShape? _lastDerived;
    private TypedCopy? _sequenceCopy;
    private TypedCopy? _dictionaryCopy;
    private TypedEquality? _sequenceEqual;
    private TypedEquality? _dictionaryEqual;
    private Func<object, object, bool>? _equality;
    private Func<object, CopyContext, object>? _copy;
    private bool _equalityCompiled;
    private bool _copyCompiled;

    public required ShapeKind Kind { get; init; }

    public required Type Type { get; init; }

    /// <summary>Gets the owner that resolves the shapes of nested types.</summary>
    public ValueShapes? Owner { get; init; }

    /// <summary>Gets the JSON contract, for object, collection and dictionary shapes.</summary>
    public JsonTypeInfo? Info { get; init; }

    /// <summary>Gets the runtime types a polymorphic base writes with their own contract, or <see langword="null"/> when the declared contract writes every value.</summary>
    public IReadOnlySet<Type>? DerivedTypes { get; init; }

    /// <summary>Gets the serialized properties of an object shape.</summary>
    public ShapeProperty[] Properties { get; init; } = [];

    /// <summary>Gets the constructor deserialization calls with arguments, if it does not use a parameterless one.</summary>
    public ConstructorInfo? Constructor { get; init; }

    /// <summary>Gets the value passed for each constructor parameter that no property supplies.</summary>
    public object?[] ConstructorDefaults { get; init; } = [];

    /// <summary>Gets whether an object shape can be rebuilt (constructed and populated) the way deserialization builds it.</summary>
    public bool Constructible { get; init; }

    /// <summary>Gets the element type of a collection, or the value type of a dictionary.</summary>
    public Type? ElementType { get; init; }

    /// <summary>Gets the key type of a dictionary.</summary>
    public Type? KeyType { get; init; }

    /// <summary>Gets or sets whether copies of this shape were found to serialize as the originals.</summary>
    public CopyVerdict CopyVerdict { get; set; }

    /// <summary>Gets a compiled comparer of two values of an object shape (see <see cref="ShapeCompiler"/>), or <see langword="null"/> where none could be built.</summary>
    public Func<object, object, bool>? CompiledEquality
    {
        get
        {
            if (!_equalityCompiled)
            {
                _equality = ShapeCompiler.CompileEquality(this);
                _equalityCompiled = true;
            }

            return _equality;
        }
    }

    /// <summary>Gets a compiled copier of a value of a constructible object shape, or <see langword="null"/> where none could be built.</summary>
    public Func<object, CopyContext, object>? CompiledCopy
    {
        get
        {
            if (!_copyCompiled)
            {
                _copy = ShapeCompiler.CompileCopy(this);
                _copyCompiled = true;
            }

            return _copy;
        }
    }

    /// <summary>Gets the typed copier of a collection shape's values (it returns <see langword="null"/> for collection types it does not know).</summary>
    public TypedCopy TypedSequenceCopy => _sequenceCopy ??= DeserializedCopy.TypedSequenceCopier(ElementType!);

    /// <summary>Gets the typed copier of a dictionary shape's values (it returns <see langword="null"/> for dictionary types it does not know).</summary>
    public TypedCopy TypedDictionaryCopy => _dictionaryCopy ??= DeserializedCopy.TypedDictionaryCopier(KeyType!, ElementType!);

    /// <summary>Gets the typed comparer of a collection shape's values (it returns <see langword="null"/> for collection types it does not know).</summary>
    public TypedEquality TypedSequenceEqual => _sequenceEqual ??= SerializedEquality.TypedSequenceComparer(ElementType!);

    /// <summary>Gets the typed comparer of a dictionary shape's values (it returns <see langword="null"/> for dictionary types it does not know).</summary>
    public TypedEquality TypedDictionaryEqual => _dictionaryEqual ??= SerializedEquality.TypedDictionaryComparer(KeyType!, ElementType!);

    /// <summary>Gets the shape of the elements (or dictionary values).</summary>
    public ValueShape Element => _element ??= Owner!.Of(ElementType!);

    /// <summary>Gets the shape of the dictionary keys.</summary>
    public ValueShape Key => _key ??= Owner!.Of(KeyType!);

    public static ValueShape Unsupported(Type type) => new() { Kind = ShapeKind.Unsupported, Type = type };

    /// <summary>Returns the shape that writes <paramref name="value"/> (not null) declared as this type: for a polymorphic base, its runtime type's own.</summary>
    public ValueShape Resolve(object value)
    {
        if (DerivedTypes is null)
        {
            return this;
        }

        var runtime = value.GetType();
        if (runtime == Type)
        {
            return this;
        }

        // Lists mostly hold runs of one kind (a chat's text contents): the last answer is checked before the dictionary.
        if (_lastDerived is { } last && last.Type == runtime)
        {
            return last;
        }

        var derived = _derived ??= DerivedTypes.ToDictionary(t => t, t => Owner!.Of(t));
        if (!derived.TryGetValue(runtime, out var shape))
        {
            return Unsupported(runtime);
        }

        _lastDerived = shape;
        return shape;
    }
}

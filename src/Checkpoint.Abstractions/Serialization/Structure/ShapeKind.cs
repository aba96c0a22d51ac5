namespace Checkpoint;

/// <summary>How <see cref="ValueShapes"/> treats values of one type.</summary>
internal enum ShapeKind
{
    /// <summary>Neither compared nor copied: a converter the engine does not know writes it, or it cannot be rebuilt.</summary>
    Unsupported,

    /// <summary>An immutable value written as a function of its value alone (string, number, date, ...): shared, compared strictly.</summary>
    Leaf,

    /// <summary>A <see cref="byte"/> array: compared by content, copied.</summary>
    Bytes,

    /// <summary>A <see cref="System.Text.Json.Nodes.JsonNode"/>: compared by its JSON, deep-cloned.</summary>
    Node,

    /// <summary>A value declared as <see cref="object"/>, written by <see cref="PlainObjectConverter"/>.</summary>
    Plain,

    /// <summary>An object written property by property from its JSON contract.</summary>
    Object,

    /// <summary>A collection written as a JSON array.</summary>
    Enumerable,

    /// <summary>A dictionary written as a JSON object.</summary>
    Dictionary,
}

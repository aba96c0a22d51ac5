namespace Checkpoint.ConformanceSuite;

/// <summary>The namespace axis of <see cref="ListMatrixTests"/>.</summary>
public enum ListMatrixNamespace
{
    /// <summary>No namespace (<see langword="null"/>): every namespace is listed.</summary>
    Unspecified,

    /// <summary>The root namespace <c>""</c> only.</summary>
    Root,

    /// <summary>The namespace <c>"child"</c> only.</summary>
    Child,
}

namespace Checkpoint;

/// <summary>Where a <see cref="NamespaceMatch"/> path is matched.</summary>
public enum NamespaceMatchType
{
    /// <summary>The namespace starts with the path.</summary>
    Prefix,

    /// <summary>The namespace ends with the path.</summary>
    Suffix,
}

namespace Checkpoint;

/// <summary>Whether copies of an object shape serialize exactly as the originals (checked once, on the first copy).</summary>
internal enum CopyVerdict
{
    /// <summary>Not checked yet.</summary>
    Untried,

    /// <summary>Copies serialize as the originals.</summary>
    Faithful,

    /// <summary>A copy serialized differently: values of this shape are parsed again instead.</summary>
    Unfaithful,
}

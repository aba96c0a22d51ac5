namespace Checkpoint;

/// <summary>
/// State of an item copy: the object shapes it rebuilt that are not yet known to copy faithfully. The list is only
/// allocated when such a shape is met, so copying trusted shapes allocates nothing here.
/// </summary>
internal sealed class CopyContext
{
    [ThreadStatic]
    private static CopyContext? t_reusable;

    /// <summary>Gets the untried shapes met, or <see langword="null"/> when there were none.</summary>
    public List<ValueShape>? Untried { get; private set; }

    /// <summary>
    /// Takes this thread's spare context (or a new one when a copy is already using it, as a constructor that reads a
    /// checkpoint would), so one instance serves every item copied on a thread instead of one allocation per item.
    /// </summary>
    public static CopyContext Rent()
    {
        var context = t_reusable ?? new CopyContext();
        t_reusable = null;
        return context;
    }

    /// <summary>Returns the untried shapes met since the last call (or <see langword="null"/>) and forgets them, so the next item starts afresh.</summary>
    public List<ValueShape>? TakeUntried()
    {
        var untried = Untried;
        Untried = null;
        return untried;
    }

    /// <summary>Empties the context and keeps it as this thread's spare.</summary>
    public void Return()
    {
        Untried = null;
        t_reusable = this;
    }

    /// <summary>Records that <paramref name="shape"/> was rebuilt; throws when it is known not to copy faithfully.</summary>
    public void Rebuilt(ValueShape shape)
    {
        switch (shape.CopyVerdict)
        {
            case CopyVerdict.Faithful:
                return;
            case CopyVerdict.Unfaithful:
                throw new NotSupportedException($"Values of type {shape.Type} do not copy faithfully.");
            default:
                (Untried ??= []).Add(shape);
                return;
        }
    }
}

namespace Checkpoint;

/// <summary>
/// State of one item copy: the object shapes it rebuilt that are not yet known to copy faithfully. The list is only
/// allocated when such a shape is met, so copying trusted shapes allocates nothing here.
/// </summary>
internal sealed class CopyContext
{
    [ThreadStatic]
    private static CopyContext? t_reusable;

    /// <summary>Gets the untried shapes met, or <see langword="null"/> when there were none.</summary>
    public List<ValueShape>? Untried { get; private set; }

    /// <summary>
    /// Returns this thread's context, emptied: a copy never starts another on the same thread, so one instance serves
    /// every item copied on it instead of one allocation per item.
    /// </summary>
    public static CopyContext ForThisThread()
    {
        var context = t_reusable ??= new CopyContext();
        context.Untried = null;
        return context;
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

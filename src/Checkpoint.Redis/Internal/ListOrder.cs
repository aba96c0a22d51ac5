namespace Checkpoint.Redis.Internal;

/// <summary>The list order of the contract: checkpoint id descending, then thread id, then namespace, all ordinal.</summary>
internal sealed class ListOrder : IComparer<ListEntry>
{
    public static ListOrder Instance { get; } = new();

    public int Compare(ListEntry? x, ListEntry? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var byId = string.CompareOrdinal(y.Id, x.Id);
        if (byId != 0)
        {
            return byId;
        }

        var byThread = string.CompareOrdinal(x.ThreadId, y.ThreadId);
        return byThread != 0 ? byThread : string.CompareOrdinal(x.Ns, y.Ns);
    }
}

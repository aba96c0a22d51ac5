using Checkpoint.Providers;

namespace Checkpoint.Redis.Internal;

/// <summary>The list order of the contract: checkpoint id descending, then thread id, then namespace, all by code point.</summary>
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

        var byId = CodePointComparer.Instance.Compare(y.Id, x.Id);
        if (byId != 0)
        {
            return byId;
        }

        var byThread = CodePointComparer.Instance.Compare(x.ThreadId, y.ThreadId);
        return byThread != 0 ? byThread : CodePointComparer.Instance.Compare(x.Ns, y.Ns);
    }
}

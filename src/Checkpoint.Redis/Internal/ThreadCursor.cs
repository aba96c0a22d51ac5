using StackExchange.Redis;

namespace Checkpoint.Redis.Internal;

/// <summary>
/// Walks one thread's checkpoints in list order (id descending, then namespace ascending) a page at a time, straight
/// from a sorted set: <see cref="ThreadKeys.ById"/> for every namespace, <see cref="ThreadKeys.ByNamespace"/> for one.
/// </summary>
internal sealed class ThreadCursor
{
    private readonly Queue<ListEntry> _buffer = new();
    private readonly RedisKey _key;
    private readonly bool _byId;
    private readonly byte[] _min;
    private byte[] _max;

    private ThreadCursor(string threadId, RedisKey key, bool byId, byte[] min, byte[] max)
    {
        ThreadId = threadId;
        _key = key;
        _byId = byId;
        _min = min;
        _max = max;
    }

    public string ThreadId { get; }

    public bool Exhausted { get; private set; }

    public bool HasHead => _buffer.Count > 0;

    public bool NeedsPage => _buffer.Count == 0 && !Exhausted;

    public ListEntry Head => _buffer.Peek();

    /// <summary>Creates the cursor of a list query over one thread, or <see langword="null"/> when the query cannot match anything.</summary>
    public static ThreadCursor? Create(string threadId, RedisKey[] keys, string? ns, string? checkpointId, string? before)
    {
        if (checkpointId is not null && before is not null && Checkpoint.Providers.CodePointComparer.Instance.Compare(checkpointId, before) >= 0)
        {
            return null;
        }

        if (ns is null)
        {
            var key = keys[ThreadKeys.ById];
            if (checkpointId is not null)
            {
                var id = OrdinalEncoding.Encode(checkpointId);
                return new ThreadCursor(threadId, key, true, Inclusive(OrdinalEncoding.WithSeparator(id)), Exclusive(OrdinalEncoding.AfterPrefix(id)));
            }

            return new ThreadCursor(threadId, key, true, "-"u8.ToArray(), before is null ? "+"u8.ToArray() : Exclusive(OrdinalEncoding.Encode(before)));
        }

        var byNs = keys[ThreadKeys.ByNamespace];
        var encodedNs = OrdinalEncoding.Encode(ns);
        if (checkpointId is not null)
        {
            var row = Inclusive(OrdinalEncoding.Join(ns, checkpointId));
            return new ThreadCursor(threadId, byNs, false, row, row);
        }

        var max = before is null ? OrdinalEncoding.AfterPrefix(encodedNs) : OrdinalEncoding.Join(ns, before);
        return new ThreadCursor(threadId, byNs, false, Inclusive(OrdinalEncoding.WithSeparator(encodedNs)), Exclusive(max));
    }

    public ListEntry Take() => _buffer.Dequeue();

    public Task<RedisResult> RequestPageAsync(IDatabase database, int size) =>
        database.ScriptEvaluateAsync(SaverScripts.Page, [_key], [_min, _max, size]);

    public RedisResult RequestPage(IDatabase database, int size) =>
        database.ScriptEvaluate(SaverScripts.Page, [_key], [_min, _max, size]);

    /// <summary>Buffers a page returned for <see cref="RequestPage"/>; a short page means the range is exhausted.</summary>
    public void Accept(RedisResult page, int size)
    {
        var members = (byte[][])page!;
        foreach (var member in members)
        {
            _buffer.Enqueue(_byId ? FromById(member) : FromByNamespace(member));
        }

        if (members.Length < size)
        {
            Exhausted = true;
        }
        else
        {
            _max = Exclusive(members[^1]);
        }
    }

    private ListEntry FromByNamespace(byte[] member)
    {
        var parts = OrdinalEncoding.Split(member, 2);
        return new ListEntry(ThreadId, parts[0], parts[1], member);
    }

    // A ById member is "id ␀␀ inverted(ns) FF FF"; inverting the namespace bytes makes reverse order ascending.
    private ListEntry FromById(byte[] member)
    {
        var separator = OrdinalEncoding.IndexOfSeparator(member, 0);
        if (separator < 0 || member.Length < separator + 4)
        {
            throw new FormatException("A stored checkpoint index entry is malformed; the data was not written by this library.");
        }

        var id = member.AsSpan(0, separator);
        var inverted = member.AsSpan(separator + 2, member.Length - separator - 4);
        var row = new byte[inverted.Length + 2 + id.Length];
        for (var i = 0; i < inverted.Length; i++)
        {
            row[i] = (byte)(255 - inverted[i]);
        }

        id.CopyTo(row.AsSpan(inverted.Length + 2));
        return new ListEntry(ThreadId, OrdinalEncoding.Decode(row.AsSpan(0, inverted.Length)), OrdinalEncoding.Decode(id), row);
    }

    private static byte[] Inclusive(byte[] bound) => [(byte)'[', .. bound];

    private static byte[] Exclusive(byte[] bound) => [(byte)'(', .. bound];
}

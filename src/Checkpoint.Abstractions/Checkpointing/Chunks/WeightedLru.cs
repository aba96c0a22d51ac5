namespace Checkpoint;

/// <summary>
/// A thread-safe map that keeps its most recently used entries within a total weight: adding or growing an entry
/// evicts the least recently used ones until the total fits again. A limit of zero keeps nothing.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
internal sealed class WeightedLru<TKey, TValue>(long limit, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _entries = new(comparer);
    private readonly LinkedList<Entry> _order = new();
    private readonly Lock _gate = new();
    private long _weight;

    /// <summary>Gets the most the entries may weigh together.</summary>
    public long Limit { get; } = limit;

    /// <summary>Gets the number of entries.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Gets the total weight of the entries.</summary>
    public long Weight
    {
        get
        {
            lock (_gate)
            {
                return _weight;
            }
        }
    }

    /// <summary>Returns the value under <paramref name="key"/> and marks it most recently used.</summary>
    public bool TryGet(TKey key, out TValue value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                value = node.Value.Value;
                return true;
            }
        }

        value = default!;
        return false;
    }

    /// <summary>
    /// Adds <paramref name="value"/> unless the key is present, and returns the value kept under the key. An entry
    /// heavier than the whole limit is not kept.
    /// </summary>
    public TValue GetOrAdd(TKey key, TValue value, long weight)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                _order.Remove(existing);
                _order.AddFirst(existing);
                return existing.Value.Value;
            }

            if (weight > Limit)
            {
                return value;
            }

            _entries[key] = _order.AddFirst(new Entry(key, value, weight));
            _weight += weight;
            EvictOverLimit();
            return value;
        }
    }

    /// <summary>Sets the value under <paramref name="key"/>, replacing any other.</summary>
    public void Set(TKey key, TValue value, long weight)
    {
        lock (_gate)
        {
            RemoveLocked(key);
            if (weight <= Limit)
            {
                _entries[key] = _order.AddFirst(new Entry(key, value, weight));
                _weight += weight;
                EvictOverLimit();
            }
        }
    }

    /// <summary>Adds <paramref name="delta"/> to the weight of the entry under <paramref name="key"/>, if it is still kept.</summary>
    public void AddWeight(TKey key, long delta)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                node.Value.Weight += delta;
                _weight += delta;
                EvictOverLimit();
            }
        }
    }

    /// <summary>Removes the entry under <paramref name="key"/>.</summary>
    public void Remove(TKey key)
    {
        lock (_gate)
        {
            RemoveLocked(key);
        }
    }

    private void RemoveLocked(TKey key)
    {
        if (_entries.Remove(key, out var node))
        {
            _order.Remove(node);
            _weight -= node.Value.Weight;
        }
    }

    private void EvictOverLimit()
    {
        while (_weight > Limit && _order.Last is { } oldest)
        {
            _order.RemoveLast();
            _entries.Remove(oldest.Value.Key);
            _weight -= oldest.Value.Weight;
        }
    }

    private sealed class Entry(TKey key, TValue value, long weight)
    {
        public TKey Key { get; } = key;

        public TValue Value { get; } = value;

        public long Weight { get; set; } = weight;
    }
}

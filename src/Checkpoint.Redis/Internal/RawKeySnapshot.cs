using StackExchange.Redis;

namespace Checkpoint.Redis.Internal;

/// <summary>
/// The keys of one namespace as read when a raw listing entered it, in byte order of their encoding (code point order of
/// the keys), so later pages find where the previous one ended by binary search instead of reading the keys again.
/// </summary>
internal sealed class RawKeySnapshot
{
    private readonly byte[][] _keys;

    public RawKeySnapshot(byte[][] keys)
    {
        Array.Sort(keys, static (x, y) => x.AsSpan().SequenceCompareTo(y));
        _keys = keys;
    }

    public int Count => _keys.Length;

    /// <summary>Returns the index of the first key greater than <paramref name="key"/> (encoded).</summary>
    public int IndexAfter(ReadOnlySpan<byte> key)
    {
        int low = 0, high = _keys.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (_keys[middle].AsSpan().SequenceCompareTo(key) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>Returns up to <paramref name="count"/> keys from <paramref name="start"/>, as script arguments.</summary>
    public IEnumerable<RedisValue> Slice(int start, int count) =>
        _keys.Skip(start).Take(count).Select(key => (RedisValue)key);
}

using System.Text;

namespace Checkpoint.Mongo.Internal;

/// <summary>
/// Splits the keys of one logical query into several queries, so that no command approaches MongoDB's 16 MB limit on
/// a BSON document (a prune of a long thread names hundreds of thousands of ids).
/// </summary>
internal static class QueryBatches
{
    /// <summary>The most bytes of keys one query carries: a quarter of the 16 MB limit, leaving room for the rest.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>The most keys one query carries.</summary>
    public const int MaxCount = 20_000;

    // Per key: the BSON element header (type, index as a name, terminator) and, for strings, the length prefix.
    private const int Overhead = 16;

    /// <summary>Splits strings (ids) into batches, keeping their order.</summary>
    public static IEnumerable<List<string>> Split(IEnumerable<string> keys) =>
        Split(keys, key => Encoding.UTF8.GetByteCount(key));

    /// <summary>Splits keys into batches of at most <see cref="MaxCount"/> keys and about <see cref="MaxBytes"/> bytes, keeping their order.</summary>
    public static IEnumerable<List<T>> Split<T>(IEnumerable<T> keys, Func<T, int> size)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(size);
        var batch = new List<T>();
        var bytes = 0;
        foreach (var key in keys)
        {
            var length = size(key) + Overhead;
            if (batch.Count > 0 && (batch.Count == MaxCount || bytes + length > MaxBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(key);
            bytes += length;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}

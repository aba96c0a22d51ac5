using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Checkpoint.Postgres.Internal;

/// <summary>
/// Derives the <c>pg_advisory_lock</c> key that serialises the setups of one schema: one key for every component
/// (checkpointer and store), so two components never create the schema or anything else they share at the same time.
/// </summary>
internal static class AdvisoryLockKey
{
    /// <summary>A stable 64-bit key: the same in every process and every version of this library.</summary>
    public static long For(string schema)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("Checkpoint.Postgres/schema/" + schema));
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }
}

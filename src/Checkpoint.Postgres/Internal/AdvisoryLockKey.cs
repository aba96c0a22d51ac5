using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Checkpoint.Postgres.Internal;

/// <summary>Derives the <c>pg_advisory_lock</c> key that serialises the setups of one schema's component.</summary>
internal static class AdvisoryLockKey
{
    /// <summary>A stable 64-bit key: the same in every process and every version of this library.</summary>
    public static long For(string component, string schema)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("Checkpoint.Postgres/" + component + "/" + schema));
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }
}

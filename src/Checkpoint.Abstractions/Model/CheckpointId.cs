using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Checkpoint;

/// <summary>
/// Creates time-ordered checkpoint identifiers: RFC 9562 UUIDv6 strings, as LangGraph's <c>uuid6</c>.
/// </summary>
/// <remarks>
/// The 60-bit timestamp leads the UUID, so the lower-case string form sorts in creation order under
/// ordinal comparison. Every saver orders checkpoints and applies <c>before</c> with ordinal string
/// comparison. Within a process, identifiers are strictly increasing even when the clock stalls or steps back.
/// </remarks>
public static class CheckpointId
{
    // 100 ns intervals between the Gregorian epoch (1582-10-15) and the Unix epoch.
    private const long GregorianToUnixTicks = 0x01B21DD213814000L;
    private static readonly Lock Gate = new();
    private static long s_lastTimestamp;

    /// <summary>Creates a new checkpoint identifier.</summary>
    /// <param name="step">The step, stored as the 14-bit clock sequence (LangGraph passes the step here).</param>
    /// <param name="now">The time to encode; the current UTC time when <see langword="null"/>.</param>
    /// <returns>A lower-case UUIDv6 string.</returns>
    public static string Create(int step = -1, DateTimeOffset? now = null)
    {
        var instant = now ?? DateTimeOffset.UtcNow;
        var timestamp = ((instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) + GregorianToUnixTicks) & 0x0FFF_FFFF_FFFF_FFFFL;
        lock (Gate)
        {
            // Strictly increasing within the process, so ordering never depends on clock resolution.
            if (timestamp <= s_lastTimestamp)
            {
                timestamp = s_lastTimestamp + 1;
            }

            s_lastTimestamp = timestamp;
        }

        Span<byte> bytes = stackalloc byte[16];
        var timeHigh = (uint)(timestamp >> 28);
        var timeMid = (ushort)((timestamp >> 12) & 0xFFFF);
        var timeLowAndVersion = (ushort)((timestamp & 0x0FFF) | 0x6000);
        BinaryPrimitives.WriteUInt32BigEndian(bytes, timeHigh);
        BinaryPrimitives.WriteUInt16BigEndian(bytes[4..], timeMid);
        BinaryPrimitives.WriteUInt16BigEndian(bytes[6..], timeLowAndVersion);
        var clockSequence = (ushort)((step & 0x3FFF) | 0x8000);
        BinaryPrimitives.WriteUInt16BigEndian(bytes[8..], clockSequence);
        RandomNumberGenerator.Fill(bytes[10..]);
        return Convert.ToHexStringLower(bytes).Insert(20, "-").Insert(16, "-").Insert(12, "-").Insert(8, "-");
    }

    /// <summary>Reads the creation time encoded in a UUIDv6 checkpoint identifier.</summary>
    /// <param name="checkpointId">The identifier.</param>
    /// <param name="timestamp">The encoded time when the identifier is a UUIDv6.</param>
    /// <returns><see langword="true"/> when the identifier is a UUIDv6.</returns>
    public static bool TryGetTimestamp(string checkpointId, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (checkpointId is null || !Guid.TryParse(checkpointId, out _))
        {
            return false;
        }

        var hex = checkpointId.Replace("-", string.Empty, StringComparison.Ordinal);
        if (hex[12] != '6')
        {
            return false;
        }

        var high = Convert.ToInt64(hex[..8], 16);
        var mid = Convert.ToInt64(hex[8..12], 16);
        var low = Convert.ToInt64(hex[13..16], 16);
        var ticks = (high << 28) | (mid << 12) | low;
        timestamp = new DateTimeOffset(ticks - GregorianToUnixTicks + DateTimeOffset.UnixEpoch.UtcTicks, TimeSpan.Zero);
        return true;
    }
}

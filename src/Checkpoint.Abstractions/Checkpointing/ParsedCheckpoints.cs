namespace Checkpoint;

/// <summary>
/// The checkpoints read last in the process (by any saver), parsed, each with the stored JSON it was parsed from: a read that finds the very JSON it
/// parsed before (what a warm read of an unchanged row finds) gets a clone of the parsed checkpoint instead of parsing
/// the JSON again. Parsing is a function of the JSON alone, so an entry is used only when the stored JSON is equal byte
/// for byte, and another process rewriting the row can never make a read stale. Bounded (a fixed number of slots, JSON
/// up to a size) and thread-safe without locks: an entry is immutable and replaces its slot whole.
/// </summary>
internal static class ParsedCheckpoints
{
    /// <summary>The number of slots: a slot is chosen by the row's key, so a process reading a few threads hits.</summary>
    public const int Slots = 64;

    /// <summary>The longest JSON kept, in characters or bytes: longer checkpoints are parsed on every read.</summary>
    public const int MaxLength = 16 * 1024;

    private static readonly Entry?[] Entries = new Entry?[Slots];

    /// <summary>Returns the checkpoint <paramref name="json"/> parses to (a copy the caller owns).</summary>
    public static GraphCheckpoint Read(string threadId, string checkpointNs, string checkpointId, string json, Func<string, GraphCheckpoint> parse)
    {
        var slot = SlotOf(threadId, checkpointNs, checkpointId);
        if (Entries[slot] is { Text: { } text } entry && entry.Is(threadId, checkpointNs, checkpointId) && string.Equals(text, json, StringComparison.Ordinal))
        {
            return entry.Parsed.Clone();
        }

        var parsed = parse(json);
        if (json.Length <= MaxLength)
        {
            Entries[slot] = new Entry(threadId, checkpointNs, checkpointId, json, null, parsed.Clone());
        }

        return parsed;
    }

    /// <summary>Returns the checkpoint <paramref name="utf8Json"/> parses to (a copy the caller owns).</summary>
    public static GraphCheckpoint Read(string threadId, string checkpointNs, string checkpointId, byte[] utf8Json, Func<byte[], GraphCheckpoint> parse)
    {
        var slot = SlotOf(threadId, checkpointNs, checkpointId);
        if (Entries[slot] is { Utf8: { } utf8 } entry && entry.Is(threadId, checkpointNs, checkpointId) && utf8.AsSpan().SequenceEqual(utf8Json))
        {
            return entry.Parsed.Clone();
        }

        var parsed = parse(utf8Json);
        if (utf8Json.Length <= MaxLength)
        {
            // The bytes are copied: the caller's array is the caller's to change.
            Entries[slot] = new Entry(threadId, checkpointNs, checkpointId, null, [.. utf8Json], parsed.Clone());
        }

        return parsed;
    }

    private static int SlotOf(string threadId, string checkpointNs, string checkpointId) =>
        (int)((uint)HashCode.Combine(threadId, checkpointNs, checkpointId) % Slots);

    /// <summary>One parsed checkpoint: the row it was read from, the JSON (text or UTF-8), and the parse, never handed out.</summary>
    private sealed record Entry(string ThreadId, string CheckpointNs, string CheckpointId, string? Text, byte[]? Utf8, GraphCheckpoint Parsed)
    {
        public bool Is(string threadId, string checkpointNs, string checkpointId) =>
            string.Equals(CheckpointId, checkpointId, StringComparison.Ordinal)
            && string.Equals(ThreadId, threadId, StringComparison.Ordinal)
            && string.Equals(CheckpointNs, checkpointNs, StringComparison.Ordinal);
    }
}

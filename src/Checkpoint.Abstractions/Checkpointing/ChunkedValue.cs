using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Checkpoint;

/// <summary>
/// Storage of long lists in content-addressed chunks, so a list that grows by one item per step (a conversation's
/// <c>messages</c>) costs a small chunk per step instead of the whole list, and a checkpoint references a number of
/// chunks that grows with the logarithm of the list, not its length.
/// </summary>
/// <remarks>
/// <para>
/// A JSON list value of more than <see cref="MinimumItems"/> items and at least <see cref="MinimumBytes"/> bytes is
/// stored as a <em>manifest</em> under its own (channel, version) key — tag <c>chunks:&lt;inner tag&gt;</c>, data an empty
/// JSON array (manifests written before this release list the chunk versions there) — plus one blob per chunk under a
/// reserved chunk channel (<see cref="ChannelOf"/>) whose version is a hash of the chunk's content.
/// </para>
/// <para>
/// Where a list is cut is a function of its item count alone (<see cref="Layout"/>), so every saver and process cuts
/// the same list into the same chunks and insert-if-absent stores each once: chunks of
/// <see cref="LeafItems"/>·<see cref="Fanout"/><sup>k</sup> items, largest first, as many of each size as the digits of
/// the number of full leaves in base <see cref="Fanout"/> say (chunks of <see cref="MaxChunkItems"/> items as often as
/// needed), then a tail of the remaining items. Appending rewrites only the tail; when the tail fills it becomes a leaf,
/// and <see cref="Fanout"/> chunks of one size merge into one of the next, as a counter carries.
/// </para>
/// <para>
/// The stored checkpoint lists every chunk in its <c>channel_versions</c>, and that list is what a read joins, whatever
/// the chunks' sizes (lists stored in chunks of 64 items by earlier releases read the same way): each backend fetches the
/// chunks with the channel values and keeps them alive in garbage collection exactly as it does for any blob, with no
/// change to the backend or its schema. The base class adds those entries when writing and removes them when reading;
/// callers never see them.
/// </para>
/// </remarks>
internal static class ChunkedValue
{
    /// <summary>Lists of this many items or fewer are stored whole.</summary>
    public const int MinimumItems = 64;

    /// <summary>The items of the smallest full chunk (a leaf); only the tail chunk holds fewer.</summary>
    /// <remarks>
    /// Chosen by measurement (docs/contracts.md, "Long lists"): with <see cref="Fanout"/> 4 a chunk of 64 items is a
    /// merge of four leaves, so lists cut into 64-item chunks by earlier releases keep their boundaries at multiples of 64.
    /// </remarks>
    public const int LeafItems = 16;

    /// <summary>How many chunks of one size merge into one of the next size.</summary>
    public const int Fanout = 4;

    /// <summary>The items of the largest chunk (a few megabytes at most for messages); longer lists have several.</summary>
    public const int MaxChunkItems = LeafItems * Fanout * Fanout * Fanout * Fanout;

    /// <summary>Lists serialized smaller than this are stored whole.</summary>
    public const int MinimumBytes = 16 * 1024;

    /// <summary>The first character of every chunk channel; user channels may not start with it.</summary>
    public const char ReservedPrefix = '\u0001';

    private const string ManifestPrefix = "chunks:";

    // Bounds of the kept chunk channel names (at most a few megabytes): channels, and chunks per channel (lists of millions of items).
    private const int MaxNamedChannels = 32;
    private const int MaxNamedChunks = 4_096;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ChunkNames> ChunkChannels = new(StringComparer.Ordinal);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ChunkNames>.AlternateLookup<ReadOnlySpan<char>> ChunkChannelsBySpan =
        ChunkChannels.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"[]{},"u8);
    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\n"u8);

    /// <summary>Returns the reserved channel that holds chunk <paramref name="index"/> of <paramref name="channel"/>.</summary>
    /// <remarks>
    /// Every put and read of a long list names each of its chunks, so the names of the first chunks of the first
    /// channels seen are built once and kept (a few kilobytes), with their JSON-escaped form (see <see cref="TryGetEncodedName"/>).
    /// </remarks>
    public static string ChannelOf(string channel, int index)
    {
        if (ChunkChannels.TryGetValue(channel, out var names) && index < names.Names.Length)
        {
            return names.Names[index];
        }

        if (index >= MaxNamedChunks || (names is null && ChunkChannels.Count >= MaxNamedChannels))
        {
            return BuildChannelOf(channel, index);
        }

        // Grown by doubling and replaced whole, so readers always see a complete pair of arrays.
        var length = Math.Min(MaxNamedChunks, Math.Max(index + 1, Math.Max(64, (names?.Names.Length ?? 0) * 2)));
        var grown = new ChunkNames(new string[length], new JsonEncodedText[length]);
        for (var i = 0; i < length; i++)
        {
            var kept = names is not null && i < names.Names.Length;
            grown.Names[i] = kept ? names!.Names[i] : BuildChannelOf(channel, i);
            grown.Encoded[i] = kept ? names!.Encoded[i] : JsonEncodedText.Encode(grown.Names[i]);
        }

        ChunkChannels[channel] = grown;
        return grown.Names[index];
    }

    /// <summary>
    /// Returns the JSON-escaped form of a chunk channel name <see cref="ChannelOf"/> keeps: the reserved U+0001 must be
    /// escaped in JSON, and a checkpoint that references its chunks would otherwise escape every name again on every put.
    /// </summary>
    public static bool TryGetEncodedName(string name, out JsonEncodedText encoded)
    {
        encoded = default;
        var end = name.Length > 1 && name[0] == ReservedPrefix ? name.IndexOf(ReservedPrefix, 1) : -1;
        if (end < 2
            || !int.TryParse(name.AsSpan(1, end - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !ChunkChannelsBySpan.TryGetValue(name.AsSpan(end + 1), out var names)
            || index >= names.Names.Length
            || !string.Equals(names.Names[index], name, StringComparison.Ordinal))
        {
            return false;
        }

        encoded = names.Encoded[index];
        return true;
    }

    private static string BuildChannelOf(string channel, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{ReservedPrefix}{index}{ReservedPrefix}{channel}");

    /// <summary>The kept names of the first chunks of one channel, and their JSON-escaped forms.</summary>
    private sealed record ChunkNames(string[] Names, JsonEncodedText[] Encoded);

    /// <summary>Returns whether a channel name is a chunk channel.</summary>
    public static bool IsChunkChannel(string channel) => channel.Length > 0 && channel[0] == ReservedPrefix;

    /// <summary>Returns whether a stored value is a manifest.</summary>
    public static bool IsManifest(SerializedValue value) => value.Type?.StartsWith(ManifestPrefix, StringComparison.Ordinal) == true;

    /// <summary>
    /// Returns whether a tag is one of a plain JSON list, the only values stored in chunks. A tag with a suffix (an
    /// encrypted "json:list&lt;...&gt;+aesgcm:key") holds other bytes and is never chunked.
    /// </summary>
    public static bool IsListTag(string? tag) =>
        tag is not null && tag.EndsWith('>') && (tag.StartsWith("json:list<", StringComparison.Ordinal) || tag.StartsWith("json:array<", StringComparison.Ordinal));

    /// <summary>Returns whether a list of <paramref name="count"/> items serialized in <paramref name="bytes"/> bytes is stored in chunks.</summary>
    public static bool IsLongEnough(int count, long bytes) => count > MinimumItems && bytes >= MinimumBytes;

    /// <summary>
    /// Returns the item count of each chunk a list of <paramref name="count"/> items is cut into, in order: a pure
    /// function of the count, so every writer cuts a list alike.
    /// </summary>
    /// <remarks>
    /// The full leaves (<c>count / </c><see cref="LeafItems"/>) written in base <see cref="Fanout"/>, highest digit first:
    /// digit <c>d</c> at level <c>k</c> gives <c>d</c> chunks of <see cref="LeafItems"/>·<see cref="Fanout"/><sup>k</sup>
    /// items, up to chunks of <see cref="MaxChunkItems"/> items, of which there are as many as needed; then the tail, the
    /// <c>count % </c><see cref="LeafItems"/> items left, when there are any. A chunk's place in the layout of any count
    /// depends on its first item only, so a chunk kept from one count to the next keeps its index.
    /// </remarks>
    public static int[] Layout(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var chunks = 0;
        var leaves = count / LeafItems;
        for (var size = MaxChunkItems / LeafItems; size >= 1; size /= Fanout)
        {
            chunks += leaves / size;
            leaves %= size;
        }

        var sizes = new int[chunks + (count % LeafItems > 0 ? 1 : 0)];
        var index = 0;
        leaves = count / LeafItems;
        for (var size = MaxChunkItems / LeafItems; size >= 1; size /= Fanout)
        {
            for (var n = leaves / size; n > 0; n--)
            {
                sizes[index++] = size * LeafItems;
            }

            leaves %= size;
        }

        if (count % LeafItems > 0)
        {
            sizes[index] = count % LeafItems;
        }

        return sizes;
    }

    /// <summary>
    /// Cuts a serialized list into the data of its chunks (each a JSON list, sized by <see cref="Layout"/>) with the item
    /// count of each, when it is long enough to be stored that way; <see langword="null"/> otherwise.
    /// </summary>
    public static List<(byte[] Data, int Items)>? Cut(SerializedValue value)
    {
        if (value.Data.Length < MinimumBytes || !IsListTag(value.Type) || ItemRanges(value.Data) is not { } items || !IsLongEnough(items.Count, value.Data.Length))
        {
            return null;
        }

        var sizes = Layout(items.Count);
        var cut = new List<(byte[], int)>(sizes.Length);
        var first = 0;
        foreach (var count in sizes)
        {
            var start = items[first].Start;
            var end = items[first + count - 1].End;
            var data = new byte[end - start + 2];
            data[0] = (byte)'[';
            value.Data.AsSpan(start, end - start).CopyTo(data.AsSpan(1));
            data[^1] = (byte)']';
            cut.Add((data, count));
            first += count;
        }

        return cut;
    }

    /// <summary>
    /// Returns the manifest of a list of <paramref name="tag"/> stored in chunks: a marker only, since the checkpoint's
    /// own chunk references say which chunks it joins (repeating them here would cost a hash per chunk on every put).
    /// </summary>
    public static SerializedValue Manifest(string tag) => new(ManifestPrefix + tag, "[]"u8.ToArray());

    /// <summary>Returns the tag of the list a manifest stands for.</summary>
    public static string ListTag(SerializedValue manifest) => manifest.Type[ManifestPrefix.Length..];

    /// <summary>Returns whether a stored chunk has the shape <see cref="Join"/> needs: a JSON list of at least one item.</summary>
    public static bool IsChunk(SerializedValue chunk) =>
        chunk.Data is { Length: >= 3 } data && data[0] == (byte)'[' && data[^1] == (byte)']';

    /// <summary>Reads the chunk versions a manifest lists (empty for manifests written by this release).</summary>
    public static string[] ChunkVersions(SerializedValue manifest) =>
        JsonSerializer.Deserialize<string[]>(manifest.Data) ?? throw new JsonException("A chunk manifest is empty.");

    /// <summary>
    /// Returns the chunk versions of a long list in a stored checkpoint: the chunk references the checkpoint carries, or,
    /// for a checkpoint that carries none, the list in the manifest (which manifests written before this release hold).
    /// </summary>
    /// <exception cref="CheckpointSerializationException">The manifest is corrupt, or neither names a chunk.</exception>
    public static List<string> VersionsOf(GraphCheckpoint checkpoint, string channel, SerializedValue manifest)
    {
        var versions = new List<string>();
        while (checkpoint.ChannelVersions.TryGetValue(ChannelOf(channel, versions.Count), out var referenced))
        {
            versions.Add(referenced);
        }

        if (versions.Count > 0)
        {
            return versions;
        }

        try
        {
            versions.AddRange(ChunkVersions(manifest));
        }
        catch (JsonException e)
        {
            throw new CheckpointSerializationException($"The chunk manifest of channel '{channel}' in checkpoint {checkpoint.Id} is corrupt.", channel, null, e);
        }

        return versions.Count > 0
            ? versions
            : throw new CheckpointSerializationException(
                $"Channel '{channel}' in checkpoint {checkpoint.Id} is a list stored in chunks, but the checkpoint references none (was its value left out of the put?).",
                channel,
                null);
    }

    /// <summary>Rebuilds a serialized list from its chunks.</summary>
    /// <param name="tag">The list's tag.</param>
    /// <param name="chunks">The chunks, in order.</param>
    /// <returns>The list as it was before it was cut.</returns>
    public static SerializedValue Join(string tag, IReadOnlyList<SerializedValue> chunks)
    {
        // Each chunk is a JSON array: its items are everything between the brackets. The result is written in place,
        // sized exactly, because this runs on every read of a long list.
        var data = new byte[2 + chunks.Sum(c => c.Data.Length - 2) + Math.Max(chunks.Count - 1, 0)];
        data[0] = (byte)'[';
        var position = 1;
        for (var i = 0; i < chunks.Count; i++)
        {
            if (i > 0)
            {
                data[position++] = (byte)',';
            }

            var items = chunks[i].Data.AsSpan(1, chunks[i].Data.Length - 2);
            items.CopyTo(data.AsSpan(position));
            position += items.Length;
        }

        data[^1] = (byte)']';
        return new SerializedValue(tag, data);
    }

    /// <summary>
    /// Finds the byte range of each item of a JSON list, or returns <see langword="null"/> when the data is not one list
    /// that ends at its last byte (then the value is stored whole). A scan for structural characters rather than a
    /// full parse: the serializer has just written this JSON, and whatever the ranges, joining them again restores the
    /// exact bytes.
    /// </summary>
    internal static List<(int Start, int End)>? ItemRanges(byte[] json)
    {
        if (json.Length < 2 || json[0] != (byte)'[' || json[^1] != (byte)']')
        {
            return null;
        }

        var items = new List<(int, int)>();
        var depth = 1;
        var itemStart = 1;
        var position = 1;
        while (position < json.Length)
        {
            var next = json.AsSpan(position).IndexOfAny(Structural);
            if (next < 0)
            {
                return null;
            }

            position += next;
            switch (json[position])
            {
                case (byte)'"':
                    var close = EndOfString(json, position + 1);
                    if (close < 0)
                    {
                        return null;
                    }

                    position = close;
                    break;
                case (byte)'[' or (byte)'{':
                    depth++;
                    break;
                case (byte)']' or (byte)'}':
                    depth--;
                    if (depth == 0)
                    {
                        if (position != json.Length - 1)
                        {
                            return null;
                        }

                        // "[]" has no item; "[1,]" is not JSON and is stored whole.
                        var last = json.AsSpan(itemStart, position - itemStart).ContainsAnyExcept(Whitespace);
                        if (last)
                        {
                            items.Add((itemStart, position));
                        }

                        return last || items.Count == 0 ? items : null;
                    }

                    break;
                case (byte)',' when depth == 1:
                    if (!json.AsSpan(itemStart, position - itemStart).ContainsAnyExcept(Whitespace))
                    {
                        return null;
                    }

                    items.Add((itemStart, position));
                    itemStart = position + 1;
                    break;
            }

            position++;
        }

        return null;
    }

    // Returns the index of the quote that closes a string whose content starts at start, or -1.
    private static int EndOfString(byte[] json, int start)
    {
        var position = start;
        while (true)
        {
            var next = json.AsSpan(position).IndexOfAny((byte)'"', (byte)'\\');
            if (next < 0)
            {
                return -1;
            }

            position += next;
            if (json[position] == (byte)'"')
            {
                return position;
            }

            position += 2; // an escape: the next byte is never the end of the string
        }
    }

    /// <summary>Returns the version of a chunk: a hash of its tag and bytes.</summary>
    internal static string Hash(string type, byte[] data)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(type));
        sha.AppendData([0]);
        sha.AppendData(data);
        return Convert.ToHexStringLower(sha.GetHashAndReset().AsSpan(0, 16));
    }
}

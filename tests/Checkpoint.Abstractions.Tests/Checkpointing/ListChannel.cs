using Checkpoint.Providers;
using Microsoft.Extensions.AI;

namespace Checkpoint.Abstractions.Tests.Checkpointing;

/// <summary>Puts of one long list channel, the shape every chunked-storage test starts from.</summary>
internal static class ListChannel
{
    /// <summary>The channel the lists are put under.</summary>
    public const string Messages = "messages";

    /// <summary>Puts a checkpoint whose only channel is <see cref="Messages"/>, holding <paramref name="items"/> at <paramref name="version"/>.</summary>
    public static RunConfig Put<T>(InMemorySaver saver, RunConfig parent, List<T> items, string version)
    {
        var checkpoint = GraphCheckpoint.CreateEmpty();
        checkpoint.ChannelValues[Messages] = items;
        checkpoint.ChannelVersions[Messages] = version;
        return saver.Put(parent, checkpoint, CheckpointMetadata.Create(CheckpointSource.Loop, 0), new Dictionary<string, string> { [Messages] = version });
    }

    /// <summary>
    /// Puts <paramref name="chat"/>, then appends the next messages of <paramref name="all"/> one put at a time until it
    /// holds <paramref name="count"/>; returns the last checkpoint's config.
    /// </summary>
    public static RunConfig GrowOneByOne(InMemorySaver saver, RunConfig parent, List<ChatMessage> chat, List<ChatMessage> all, int count)
    {
        var config = Put(saver, parent, chat, $"{chat.Count}");
        while (chat.Count < count)
        {
            chat.Add(all[chat.Count]);
            config = Put(saver, config, chat, $"{chat.Count}");
        }

        return config;
    }

    /// <summary>A conversation of <paramref name="count"/> messages of about 160 characters, ids <c>m0</c>, <c>m1</c>, ...</summary>
    public static List<ChatMessage> Chat(int count, string prefix = "message") =>
        [.. Enumerable.Range(0, count).Select(i => new ChatMessage(i % 2 == 0 ? ChatRole.User : ChatRole.Assistant, $"{prefix} {i:D4} " + new string('x', 150)) { MessageId = $"m{i}" })];

    /// <summary>
    /// Stores <paramref name="items"/> as releases before the logarithmic layout did: a manifest and one chunk per 64
    /// items, written raw.
    /// </summary>
    public static RunConfig PutInChunksOf64<T>(InMemorySaver saver, string threadId, List<T> items, ICheckpointSerializer? serializer = null)
    {
        var whole = (serializer ?? JsonCheckpointSerializer.Default).Serialize(items);
        var ranges = ChunkedValue.ItemRanges(whole.Data)!;
        var checkpoint = GraphCheckpoint.CreateEmpty();
        checkpoint.ChannelVersions[Messages] = "1";
        var blobs = new List<SerializedBlob> { new(Messages, "1", ChunkedValue.Manifest(whole.Type)) };
        for (var index = 0; index * 64 < ranges.Count; index++)
        {
            var (start, _) = ranges[index * 64];
            var (_, end) = ranges[Math.Min(ranges.Count, (index + 1) * 64) - 1];
            byte[] data = [(byte)'[', .. whole.Data.AsSpan(start, end - start), (byte)']'];
            var reference = ChunkedValue.ChannelOf(Messages, index);
            var version = ChunkedValue.Hash(whole.Type, data);
            checkpoint.ChannelVersions[reference] = version;
            blobs.Add(new SerializedBlob(reference, version, new SerializedValue(whole.Type, data)));
        }

        saver.PutRaw(new RawCheckpoint(threadId, string.Empty, null, checkpoint, CheckpointMetadata.Create(CheckpointSource.Loop, 0), blobs, []));
        return new RunConfig(threadId, string.Empty, checkpoint.Id);
    }

    /// <summary>Returns the chunk versions a stored checkpoint references for <see cref="Messages"/>, in order.</summary>
    public static List<string> ChunkReferences(InMemorySaver saver, RunConfig config)
    {
        var versions = saver.GetRaw(config)!.Checkpoint.ChannelVersions;
        var references = new List<string>();
        while (versions.TryGetValue(ChunkedValue.ChannelOf(Messages, references.Count), out var version))
        {
            references.Add(version);
        }

        return references;
    }
}

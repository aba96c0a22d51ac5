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

    /// <summary>A conversation of <paramref name="count"/> messages of about 160 characters, ids <c>m0</c>, <c>m1</c>, ...</summary>
    public static List<ChatMessage> Chat(int count, string prefix = "message") =>
        [.. Enumerable.Range(0, count).Select(i => new ChatMessage(i % 2 == 0 ? ChatRole.User : ChatRole.Assistant, $"{prefix} {i:D4} " + new string('x', 150)) { MessageId = $"m{i}" })];
}

namespace Checkpoint.Abstractions.Tests.Checkpointing;

/// <summary>
/// Only plain JSON lists are stored in chunks: a value whose tag carries a suffix (an encrypted list,
/// <c>json:list&lt;...&gt;+aesgcm:key</c>) is opaque and is stored whole, even when its bytes happen to look like a list.
/// </summary>
public sealed class TransformedValuesTests
{
    [Fact]
    public void A_list_value_whose_tag_has_a_suffix_is_stored_whole_even_when_its_bytes_are_a_json_list()
    {
        var saver = new InMemorySaver(new SuffixingSerializer());
        var threadId = "suffixed-" + Guid.NewGuid().ToString("N");
        var checkpoint = GraphCheckpoint.CreateEmpty();
        checkpoint.ChannelValues["messages"] = Enumerable.Range(0, 300).Select(i => $"message {i} " + new string('x', 200)).ToList();
        checkpoint.ChannelVersions["messages"] = "1";

        var stored = saver.Put(RunConfig.ForThread(threadId), checkpoint, CheckpointMetadata.Create(CheckpointSource.Loop, 0), new Dictionary<string, string> { ["messages"] = "1" });

        Assert.Single(saver.Database.Threads[threadId].Blobs);
        Assert.Equal(checkpoint.ChannelValues["messages"], saver.GetTuple(stored)!.Checkpoint.ChannelValues["messages"]);
    }

    // Stands for any transforming serializer: the bytes stay a JSON list, the tag gains a suffix.
    private sealed class SuffixingSerializer : ICheckpointSerializer
    {
        public SerializedValue Serialize(object? value)
        {
            var inner = JsonCheckpointSerializer.Default.Serialize(value);
            return inner with { Type = inner.Type + "+suffix" };
        }

        public object? Deserialize(SerializedValue value) =>
            JsonCheckpointSerializer.Default.Deserialize(value with { Type = value.Type[..^"+suffix".Length] });
    }
}

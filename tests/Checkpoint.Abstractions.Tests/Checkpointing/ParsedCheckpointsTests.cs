using System.Text;
using Checkpoint.Providers;

namespace Checkpoint.Abstractions.Tests.Checkpointing;

/// <summary>
/// A read that finds the stored checkpoint JSON it parsed before clones the parsed checkpoint instead of parsing again;
/// an entry is used only for the very same JSON, and nothing handed out is shared.
/// </summary>
public sealed class ParsedCheckpointsTests
{
    [Fact]
    public void The_same_json_read_twice_is_parsed_once_and_each_read_gets_its_own_checkpoint()
    {
        var (threadId, json) = (Guid.NewGuid().ToString("N"), Json("c1", "1"));
        var parses = 0;
        GraphCheckpoint Parse(string text)
        {
            parses++;
            return CheckpointJson.Deserialize(text);
        }

        var first = ParsedCheckpoints.Read(threadId, "", "c1", json, Parse);
        first.ChannelVersions["messages"] = "changed";
        first.VersionsSeen["agent"]["messages"] = "changed";
        var second = ParsedCheckpoints.Read(threadId, "", "c1", new string(json), Parse);

        Assert.Equal(1, parses);
        Assert.NotSame(first, second);
        Assert.Equal("1", second.ChannelVersions["messages"]);
        Assert.Equal("1", second.VersionsSeen["agent"]["messages"]);
    }

    [Fact]
    public void Other_json_under_the_same_row_is_parsed_again()
    {
        var threadId = Guid.NewGuid().ToString("N");
        _ = ParsedCheckpoints.Read(threadId, "", "c1", Json("c1", "1"), CheckpointJson.Deserialize);

        var rewritten = ParsedCheckpoints.Read(threadId, "", "c1", Json("c1", "2"), CheckpointJson.Deserialize);

        Assert.Equal("2", rewritten.ChannelVersions["messages"]);
    }

    [Fact]
    public void Changing_the_bytes_after_a_read_never_makes_a_later_read_of_the_changed_bytes_stale()
    {
        var threadId = Guid.NewGuid().ToString("N");
        var bytes = Encoding.UTF8.GetBytes(Json("c1", "1"));
        _ = ParsedCheckpoints.Read(threadId, "", "c1", bytes, b => CheckpointJson.Deserialize(b));

        // Same length, other version: the kept entry must not take the caller's array as its own.
        Encoding.UTF8.GetBytes(Json("c1", "7")).CopyTo(bytes, 0);
        var read = ParsedCheckpoints.Read(threadId, "", "c1", bytes, b => CheckpointJson.Deserialize(b));

        Assert.Equal("7", read.ChannelVersions["messages"]);
    }

    private static string Json(string id, string version)
    {
        var checkpoint = GraphCheckpoint.CreateEmpty();
        checkpoint.Id = id;
        checkpoint.ChannelVersions["messages"] = version;
        checkpoint.VersionsSeen["agent"] = new Dictionary<string, string> { ["messages"] = version };
        return CheckpointJson.Serialize(checkpoint);
    }
}

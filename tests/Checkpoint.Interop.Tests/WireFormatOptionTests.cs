using Checkpoint.Sqlite;

namespace Checkpoint.Interop.Tests;

/// <summary>What the <see cref="CheckpointWireFormat"/> option of a saver changes, on an in-memory SQLite saver.</summary>
public sealed class WireFormatOptionTests
{
    [Theory]
    [InlineData(CheckpointWireFormat.Native, "json:list<string>")]
    [InlineData(CheckpointWireFormat.LangGraphJs, "json")]
    [InlineData(CheckpointWireFormat.LangGraphPython, "msgpack")]
    public void The_wire_format_decides_the_tags_written_and_the_form_of_first_versions(CheckpointWireFormat format, string tag)
    {
        using var saver = SqliteSaver.FromPath(":memory:", new SqliteSaverOptions { WireFormat = format });

        Assert.Equal(format, saver.WireFormat);
        Assert.Equal(tag, saver.Serializer.Serialize(new List<string> { "a" }).Type);
        Assert.Equal(format == CheckpointWireFormat.LangGraphJs, saver.GetNextVersion(null) == "1");
        Assert.Equal("8", saver.GetNextVersion("7"));
    }

    [Fact]
    public async Task A_saver_in_any_format_reads_threads_written_in_every_format()
    {
        using var saver = SqliteSaver.FromPath(":memory:", new SqliteSaverOptions { WireFormat = CheckpointWireFormat.LangGraphPython });
        await saver.SetupAsync(TestContext.Current.CancellationToken);
        var thread = "thread-" + Guid.NewGuid().ToString("N");
        var config = new RunConfig(thread);
        foreach (var (format, value) in new[] { (CheckpointWireFormat.Native, "native"), (CheckpointWireFormat.LangGraphJs, "js"), (CheckpointWireFormat.LangGraphPython, "python") })
        {
            var checkpoint = GraphCheckpoint.CreateEmpty();
            checkpoint.ChannelValues["value"] = new List<object?> { value };
            checkpoint.ChannelVersions["value"] = ChannelVersion.Next(null, format);
            using var writer = SqliteSaver.FromPath(":memory:", new SqliteSaverOptions { WireFormat = format });
            var stored = writer.Serializer.Serialize(checkpoint.ChannelValues["value"]);
            Assert.Equal(new List<object?> { value }, saver.Serializer.Deserialize(stored));
            config = await saver.PutAsync(config, checkpoint, new CheckpointMetadata(), checkpoint.ChannelVersions, TestContext.Current.CancellationToken);
        }

        var latest = await saver.GetTupleAsync(new RunConfig(thread), TestContext.Current.CancellationToken);
        Assert.Equal(new List<object?> { "python" }, latest!.Checkpoint.ChannelValues["value"]);
    }

    [Fact]
    public void A_LangGraph_wire_format_with_an_encrypting_serializer_is_refused()
    {
        var encrypted = new EncryptedSerializer(JsonCheckpointSerializer.Default, new byte[32]);

        var error = Assert.Throws<ArgumentException>(() => SqliteSaver.FromPath(":memory:", new SqliteSaverOptions { Serializer = encrypted, WireFormat = CheckpointWireFormat.LangGraphJs }));

        Assert.Contains("EncryptedSerializer", error.Message, StringComparison.Ordinal);
    }
}

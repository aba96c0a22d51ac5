using Checkpoint.Mongo.Internal;
using MongoDB.Bson;

namespace Checkpoint.Mongo.Tests.Integrity;

/// <summary>
/// Prune, delete for runs and reads of many documents split their keys into queries far below MongoDB's 16 MB command
/// limit: a prune of about 370,000 checkpoints named them all in one <c>$in</c> and failed.
/// </summary>
public sealed class QueryBatchesTests
{
    private const int SixteenMiB = 16 * 1024 * 1024;

    [Fact]
    public void A_prune_of_370_000_checkpoints_is_sent_as_queries_under_the_command_limit_naming_each_once_in_order()
    {
        var ids = Enumerable.Range(0, 370_000).Select(i => $"1f0a{i:D8}-0000-6000-8000-{i:D12}").ToList();

        var whole = SaverQueries.CheckpointsById("thread", "", ids).Render(SaverQueries.RenderArgs).ToBson().Length;
        var batches = QueryBatches.Split(ids).ToList();

        Assert.True(whole > SixteenMiB, $"One query naming every id takes {whole:N0} bytes; the test no longer shows the limit it guards.");
        Assert.True(batches.Count > 1);
        Assert.All(batches, b => Assert.True(SaverQueries.CheckpointsById("thread", "", b).Render(SaverQueries.RenderArgs).ToBson().Length < SixteenMiB / 3));
        Assert.Equal(ids, batches.SelectMany(b => b));
    }

    [Fact]
    public void Long_identifiers_split_by_size_not_only_by_count()
    {
        var ids = Enumerable.Range(0, 3_000).Select(i => i + new string('t', 10_000)).ToList();

        var batches = QueryBatches.Split(ids).ToList();

        Assert.True(batches.Count >= 8);
        Assert.All(batches, b => Assert.True(SaverQueries.Runs(b).Render(SaverQueries.RenderArgs).ToBson().Length <= QueryBatches.MaxBytes + 64 * 1024));
        Assert.Equal(ids, batches.SelectMany(b => b));
    }

    [Fact]
    public void Value_ids_and_chunk_sets_split_by_count()
    {
        var sets = Enumerable.Range(0, 45_000).Select(_ => ObjectId.GenerateNewId()).ToList();

        var batches = QueryBatches.Split(sets, _ => 12).ToList();

        Assert.Equal([20_000, 20_000, 5_000], batches.Select(b => b.Count));
        Assert.Equal(sets, batches.SelectMany(b => b));
        Assert.Empty(QueryBatches.Split(Array.Empty<string>()));
    }

    [Fact]
    public void Reads_name_each_value_once_and_split_the_keys_of_many_checkpoints()
    {
        var checkpoints = Enumerable.Range(0, 3).Select(i =>
        {
            var checkpoint = new GraphCheckpoint { Id = $"c{i}" };
            checkpoint.ChannelVersions["messages"] = "1";
            checkpoint.ChannelVersions[$"step{i}"] = "1";
            return new StoredCheckpoint("t", "", checkpoint.Id, null, checkpoint, new CheckpointMetadata());
        }).ToList();

        var keys = SaverQueries.BlobKeysOf(checkpoints);

        Assert.Equal(4, keys.Count);
        Assert.Single(keys, k => k.Channel == "messages");
    }
}

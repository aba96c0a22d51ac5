namespace Checkpoint.Abstractions.Tests.Model;

public sealed class CheckpointIdTests
{
    [Fact]
    public void Ids_sort_ordinally_in_creation_order_even_within_one_clock_tick()
    {
        var now = DateTimeOffset.UtcNow;

        var ids = Enumerable.Range(0, 1000).Select(i => CheckpointId.Create(i % 5, now)).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Ids_are_version_6_uuids_carrying_their_creation_time()
    {
        var when = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero).AddDays(Random.Shared.Next(1000));

        var id = CheckpointId.Create(7, when);

        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal('6', id[14]);
        Assert.True(CheckpointId.TryGetTimestamp(id, out var decoded));
        Assert.InRange((decoded - when).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void Timestamps_are_not_read_from_other_uuid_versions()
    {
        Assert.False(CheckpointId.TryGetTimestamp(Guid.NewGuid().ToString(), out _));
        Assert.False(CheckpointId.TryGetTimestamp("not-a-uuid", out _));
    }
}

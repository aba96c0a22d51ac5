using Checkpoint.ConformanceSuite;

namespace Checkpoint.Sqlite.Tests.Conformance;

/// <summary>The kit's fixture for the SQLite backend.</summary>
public sealed class SqliteFixture : CheckpointFixture
{
    /// <inheritdoc />
    public override CheckpointTestStore TestStore => SqliteTestStore.Instance;
}

using Checkpoint.ConformanceSuite;

namespace Checkpoint.Postgres.Tests.Conformance;

/// <summary>The kit's fixture for PostgreSQL.</summary>
public sealed class PostgresFixture : CheckpointFixture
{
    /// <inheritdoc />
    public override CheckpointTestStore TestStore => PostgresTestStore.Instance;
}

using Checkpoint.ConformanceSuite;

namespace Checkpoint.Postgres.Tests.Conformance;

/// <summary>The kit's fixture for PostgreSQL behind PgBouncer in transaction mode.</summary>
public sealed class PgBouncerFixture : CheckpointFixture
{
    /// <inheritdoc />
    public override CheckpointTestStore TestStore => PostgresTestStore.PgBouncer;
}

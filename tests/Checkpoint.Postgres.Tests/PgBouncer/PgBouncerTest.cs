using Checkpoint.Postgres.Tests.Conformance;

namespace Checkpoint.Postgres.Tests.PgBouncer;

/// <summary>
/// Base of the tests that run through the PgBouncer in transaction mode named by <c>CHECKPOINT_TEST_PGBOUNCER</c>
/// (skipped without it, failed when <c>CHECKPOINT_TESTS_REQUIRE</c> names pgbouncer), in front of the server of
/// <c>CHECKPOINT_TEST_POSTGRES</c>.
/// </summary>
public abstract class PgBouncerTest : PostgresTest
{
    /// <summary>Gets the kit's PgBouncer configuration (its data source has the documented settings).</summary>
    protected static PostgresTestStore Pooler
    {
        get
        {
            PostgresTestStore.PgBouncer.EnsureAvailable();
            return PostgresTestStore.PgBouncer;
        }
    }

    /// <summary>Returns a fresh schema reached through the pooler, dropped when the test ends.</summary>
    protected PostgresTestDatabase CreatePooledDatabase() => Own(new PostgresTestDatabase(Pooler.DataSource) { TransactionPooling = true });
}

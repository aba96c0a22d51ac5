using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Checkpoint.Postgres.Tests.Conformance;
using Npgsql;
using Xunit;

namespace Checkpoint.Postgres.Tests.PgBouncer;

/// <summary>
/// A saver and store left at their defaults (prepared statements, connection reset) behind PgBouncer in transaction
/// mode fail, and the failures blame the server connection, never the caller's data. Runs alone: its broken server
/// connections must not disturb the other tests going through the same pooler.
/// </summary>
[Collection(nameof(MisconfiguredPoolerTests))]
[CollectionDefinition(nameof(MisconfiguredPoolerTests), DisableParallelization = true)]
public sealed class MisconfiguredPoolerTests : PgBouncerTest
{
    private const int Writers = 8;
    private const int Steps = 10;

    [Fact]
    public async Task Failures_without_TransactionPooling_are_server_errors_never_argument_exceptions()
    {
        var database = CreatePooledDatabase();
        await using (var setup = database.CreateSaver())
        await using (var setupStore = database.CreateStore(new StoreOptions()))
        {
            await setup.SetupAsync(CancellationToken);
            await setupStore.SetupAsync(CancellationToken);
        }

        var connectionString = Environment.GetEnvironmentVariable(PostgresTestStore.PgBouncerConnectionStringVariable)!;
        await using var saver = PostgresSaver.FromConnectionString(connectionString, new PostgresSaverOptions { SchemaName = database.Schema });
        await using var store = PostgresStore.FromConnectionString(connectionString, new PostgresStoreOptions { SchemaName = database.Schema });
        var failures = new ConcurrentQueue<Exception>();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var threadId = NewThreadId();
            for (var step = 0; step < Steps; step++)
            {
                try
                {
                    var stored = await PutStepAsync(saver, threadId, null, step);
                    await saver.GetTupleAsync(stored, CancellationToken);
                    await store.PutAsync(["misconfigured", threadId], $"k{step}", new JsonObject { ["step"] = step }, cancellationToken: CancellationToken);
                    await store.SearchAsync(["misconfigured", threadId], filter: new Dictionary<string, JsonNode?> { ["step"] = step }, cancellationToken: CancellationToken).ToListAsync(CancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures.Enqueue(e);
                }
            }
        })));

        // Defaults behind a transaction pooler do break (a run sees dozens of prepared-statement errors): without any
        // failure, the checks below would pass without checking anything.
        var preparedStatementErrors = failures.OfType<NpgsqlException>()
            .Where(e => e.InnerException is PostgresException { SqlState: PostgresErrorCodes.InvalidSqlStatementName or PostgresErrorCodes.DuplicatePreparedStatement })
            .ToList();
        Assert.NotEmpty(preparedStatementErrors);
        Assert.All(failures, e => Assert.False(e is ArgumentException, $"A pooler failure was blamed on the caller's data: {e}"));
        Assert.All(preparedStatementErrors, e => Assert.Contains("TransactionPooling = true", e.Message, StringComparison.Ordinal));
        TestContext.Current.TestOutputHelper?.WriteLine($"{failures.Count} of {Writers * Steps} steps failed: {string.Join(", ", failures.GroupBy(e => e.GetType().Name + " " + (e as PostgresException ?? e.InnerException as PostgresException)?.SqlState).Select(g => $"{g.Key} x{g.Count()}"))}");
    }
}

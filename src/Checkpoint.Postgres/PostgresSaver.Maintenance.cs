using Checkpoint.Postgres.Internal;
using Npgsql;
using NpgsqlTypes;

namespace Checkpoint.Postgres;

/// <content>Delete, delete-for-runs, copy and prune: each one statement or batch, done in SQL.</content>
public sealed partial class PostgresSaver
{
    /// <inheritdoc />
    protected override Task DeleteThreadCore(bool async, string threadId, CancellationToken cancellationToken) =>
        DeleteThreadsAsync(async, [threadId], cancellationToken);

    /// <inheritdoc />
    protected override Task DeleteForRunsCore(bool async, IReadOnlyList<string> runIds, CancellationToken cancellationToken) =>
        CascadeDeleteAsync(async, new NpgsqlBatchCommand(_sql.DeleteForRuns).AddTextArray(runIds), cancellationToken);

    /// <inheritdoc />
    protected override async Task CopyThreadCore(bool async, string sourceThreadId, string targetThreadId, CancellationToken cancellationToken)
    {
        bool taken;
        try
        {
            await using var connection = await _executor.OpenAsync(async, cancellationToken).ConfigureAwait(false);
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands = { new NpgsqlBatchCommand(_sql.CopyThread).AddText(sourceThreadId).AddText(targetThreadId) },
            };
            taken = (bool)(await _executor.ExecuteScalarAsync(async, batch, cancellationToken).ConfigureAwait(false))!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another copy to the same target committed first; this one was rolled back whole.
            throw TargetTaken(sourceThreadId, targetThreadId, e);
        }

        if (taken)
        {
            throw TargetTaken(sourceThreadId, targetThreadId, null);
        }
    }

    /// <inheritdoc />
    protected override async Task PruneCore(bool async, IReadOnlyList<string> threadIds, PruneStrategy strategy, CancellationToken cancellationToken)
    {
        switch (strategy.Kind)
        {
            case PruneStrategyKind.DeleteAll:
                await DeleteThreadsAsync(async, threadIds, cancellationToken).ConfigureAwait(false);
                break;
            case PruneStrategyKind.KeepLast:
                await CascadeDeleteAsync(
                    async,
                    new NpgsqlBatchCommand(_sql.PruneKeepLast).AddTextArray(threadIds).Add(strategy.KeepCount, NpgsqlDbType.Bigint),
                    cancellationToken).ConfigureAwait(false);
                break;
            case PruneStrategyKind.OlderThan:
                await CascadeDeleteAsync(
                    async,
                    new NpgsqlBatchCommand(_sql.PruneOlderThan).AddTextArray(threadIds).Add(strategy.Cutoff.ToUniversalTime(), NpgsqlDbType.TimestampTz),
                    cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(strategy), strategy.Kind, "Unknown prune strategy.");
        }
    }

    private async Task DeleteThreadsAsync(bool async, IReadOnlyList<string> threadIds, CancellationToken cancellationToken)
    {
        await using var connection = await _executor.OpenAsync(async, cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand(_sql.DeleteThreads).AddTextArray(threadIds) } };
        await _executor.ExecuteNonQueryAsync(async, batch, cancellationToken).ConfigureAwait(false);
    }

    private async Task CascadeDeleteAsync(bool async, NpgsqlBatchCommand command, CancellationToken cancellationToken)
    {
        await using var connection = await _executor.OpenAsync(async, cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { command } };
        await _executor.ExecuteScalarAsync(async, batch, cancellationToken).ConfigureAwait(false);
    }

    private static InvalidOperationException TargetTaken(string sourceThreadId, string targetThreadId, Exception? inner) =>
        new($"Cannot copy thread '{sourceThreadId}' to '{targetThreadId}': the target thread already has checkpoints. Nothing was copied.", inner);
}

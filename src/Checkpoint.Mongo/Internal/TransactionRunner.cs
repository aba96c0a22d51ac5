using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo.Internal;

/// <summary>
/// Runs multi-document work in a transaction when the deployment supports one (decided once, from the server's
/// <c>hello</c> reply), else without a session: the callers order their writes so readers stay consistent either way.
/// </summary>
internal sealed class TransactionRunner(IMongoDatabase database, MongoTransactionMode mode)
{
    private const int CommandNotFound = 59;

    private int _supported = -1;

    /// <summary>Returns whether a <c>hello</c> reply describes a deployment that runs transactions (replica set or mongos).</summary>
    /// <param name="hello">The reply.</param>
    /// <returns><see langword="true"/> when transactions are available.</returns>
    public static bool SupportsTransactions(BsonDocument hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        return hello.Contains("setName") || (hello.TryGetValue("msg", out var msg) && msg.IsString && msg.AsString == "isdbgrid");
    }

    /// <summary>Runs <paramref name="work"/>, in a transaction when one is used; the session passed is <see langword="null"/> otherwise.</summary>
    /// <param name="async">Whether to use the async API.</param>
    /// <param name="work">The work; it must honour <paramref name="async"/>.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the work is committed.</returns>
    public async Task RunAsync(bool async, Func<IClientSessionHandle?, Task> work, CancellationToken cancellationToken)
    {
        if (!await UseTransactionAsync(async, cancellationToken).ConfigureAwait(false))
        {
            await work(null).ConfigureAwait(false);
            return;
        }

        var client = database.Client;
        using var session = async ? await client.StartSessionAsync(cancellationToken: cancellationToken).ConfigureAwait(false) : client.StartSession(cancellationToken: cancellationToken);

        // WithTransaction retries the whole callback on transient transaction errors and the commit on unknown results.
        if (async)
        {
            await session.WithTransactionAsync<bool>(
                async (s, _) =>
                {
                    await work(s).ConfigureAwait(false);
                    return true;
                },
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else
        {
            session.WithTransaction<bool>(
                (s, _) =>
                {
                    work(s).GetAwaiter().GetResult();
                    return true;
                },
                cancellationToken: cancellationToken);
        }
    }

    private async Task<bool> UseTransactionAsync(bool async, CancellationToken cancellationToken)
    {
        switch (mode)
        {
            case MongoTransactionMode.Never:
                return false;
            case MongoTransactionMode.Required:
                return true;
        }

        var supported = Volatile.Read(ref _supported);
        if (supported < 0)
        {
            BsonDocument hello;
            try
            {
                hello = await MongoIo.RunCommandAsync(async, database, new BsonDocument("hello", 1), cancellationToken).ConfigureAwait(false);
            }
            catch (MongoCommandException e) when (e.Code == CommandNotFound)
            {
                // Servers before 4.4.2 (and some wire-compatible ones) only know the legacy name.
                hello = await MongoIo.RunCommandAsync(async, database, new BsonDocument("isMaster", 1), cancellationToken).ConfigureAwait(false);
            }

            supported = SupportsTransactions(hello) ? 1 : 0;
            Volatile.Write(ref _supported, supported);
        }

        return supported == 1;
    }
}

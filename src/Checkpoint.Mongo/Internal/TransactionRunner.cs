using MongoDB.Driver;

namespace Checkpoint.Mongo.Internal;

/// <summary>
/// Runs the writes of one put or put-writes in a transaction when the deployment supports them and the options allow
/// it. Operations over a whole thread (delete, prune, copy) never run in one: a long thread would exceed the
/// transaction time limit, and their write order keeps readers consistent without one.
/// </summary>
/// <param name="server">The server.</param>
/// <param name="mode">The configured mode.</param>
internal sealed class TransactionRunner(MongoServer server, MongoTransactionMode mode)
{
    public async Task RunAsync(bool async, Func<IClientSessionHandle?, Task> work, CancellationToken cancellationToken)
    {
        var hello = await server.HelloAsync(async, cancellationToken).ConfigureAwait(false);
        var transaction = mode switch
        {
            MongoTransactionMode.Never => false,
            MongoTransactionMode.Required => true,
            _ => MongoServer.SupportsTransactions(hello),
        };
        if (!transaction)
        {
            await work(null).ConfigureAwait(false);
            return;
        }

        var client = server.Client;
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
}

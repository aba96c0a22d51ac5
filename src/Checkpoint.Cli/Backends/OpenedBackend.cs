namespace Checkpoint.Cli.Backends;

/// <summary>An open database: its saver and store, and what the tool opened for them (disposed with it).</summary>
internal sealed class OpenedBackend(BackendSpec spec, BaseCheckpointSaver saver, BaseStore store, IAsyncDisposable? connection) : IAsyncDisposable
{
    /// <summary>Gets where the database is.</summary>
    public BackendSpec Spec { get; } = spec;

    /// <summary>Gets the checkpointer.</summary>
    public BaseCheckpointSaver Saver { get; } = saver;

    /// <summary>Gets the store.</summary>
    public BaseStore Store { get; } = store;

    /// <summary>Gets the description of the database, without secrets.</summary>
    public string Description => Spec.Describe();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Saver.DisposeAsync().ConfigureAwait(false);
        await Store.DisposeAsync().ConfigureAwait(false);
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}

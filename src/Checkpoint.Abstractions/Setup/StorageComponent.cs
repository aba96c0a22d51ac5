namespace Checkpoint;

/// <summary>
/// What a checkpointer (<see cref="BaseCheckpointSaver"/>) and a store (<see cref="BaseStore"/>) share: a schema set up
/// with <see cref="Setup"/> and a lifetime that ends with <see cref="Dispose()"/>, releasing the connections the
/// instance owns.
/// </summary>
/// <remarks>
/// Backends implement <see cref="SetupCore"/> and hand the resources they own (a data source they created, a
/// connection multiplexer, a client) to <see cref="Own{T}"/>; the public methods check disposal, and disposal releases
/// owned resources once, asynchronously where they support it.
/// </remarks>
public abstract class StorageComponent : IDisposable, IAsyncDisposable
{
    private readonly List<IDisposable> _owned = [];
    private int _disposed;

    /// <summary>Gets whether this instance has been disposed.</summary>
    protected bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>
    /// Creates or upgrades the database objects this instance needs. Idempotent and safe to call from several
    /// processes at once (see each backend for what it guarantees when a checkpointer and a store set up one schema at
    /// the same instant); never destroys data.
    /// </summary>
    /// <exception cref="SchemaVersionException">The database was set up by a newer version of this library; nothing was changed.</exception>
    public void Setup()
    {
        ThrowIfDisposed();
        SyncPath.Wait(SetupCore(async: false, CancellationToken.None));
    }

    /// <summary>Asynchronously creates or upgrades the database objects this instance needs; see <see cref="Setup"/>.</summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    /// <exception cref="SchemaVersionException">The database was set up by a newer version of this library; nothing was changed.</exception>
    public Task SetupAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : SetupCore(async: true, cancellationToken);
    }

    /// <summary>Releases the instance and the resources it owns.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Dispose(disposing: true);
            for (var i = _owned.Count - 1; i >= 0; i--)
            {
                _owned[i].Dispose();
            }
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Asynchronously releases the instance and the resources it owns.</summary>
    /// <returns>A task that completes when everything is released.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await DisposeAsyncCore().ConfigureAwait(false);
            for (var i = _owned.Count - 1; i >= 0; i--)
            {
                if (_owned[i] is IAsyncDisposable owned)
                {
                    await owned.DisposeAsync().ConfigureAwait(false);
                }
                else
                {
                    _owned[i].Dispose();
                }
            }

            Dispose(disposing: false);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Creates a component over a resource it will own (a data source or connection it opened itself), disposing the
    /// resource when creating the component fails.
    /// </summary>
    /// <typeparam name="TResource">The resource's type.</typeparam>
    /// <typeparam name="TComponent">The component's type.</typeparam>
    /// <param name="resource">The resource, just created.</param>
    /// <param name="create">Creates the component; it passes the resource to <see cref="Own{T}"/>.</param>
    /// <returns>The component.</returns>
    protected static TComponent CreateOwning<TResource, TComponent>(TResource resource, Func<TResource, TComponent> create)
        where TResource : IDisposable
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(create);
        try
        {
            return create(resource);
        }
        catch
        {
            resource.Dispose();
            throw;
        }
    }

    /// <summary>Hands over a resource this instance owns: it is disposed with the instance, after <see cref="Dispose(bool)"/> and <see cref="DisposeAsyncCore"/>.</summary>
    /// <typeparam name="T">The resource's type.</typeparam>
    /// <param name="resource">The resource; call from the constructor.</param>
    /// <returns><paramref name="resource"/>, for chaining.</returns>
    protected T Own<T>(T resource)
        where T : class, IDisposable
    {
        ArgumentNullException.ThrowIfNull(resource);
        _owned.Add(resource);
        return resource;
    }

    /// <summary>
    /// Creates or upgrades the database objects the instance needs: idempotent, safe from several processes at once,
    /// never destroys data. The default does nothing (a backend without a schema).
    /// </summary>
    /// <param name="async">Whether the caller is the async method; when <see langword="false"/>, use the driver's synchronous API and return a completed task.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    /// <exception cref="SchemaVersionException">The database was set up by a newer version of the backend.</exception>
    protected virtual Task SetupCore(bool async, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Releases resources other than those handed to <see cref="Own{T}"/>.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Asynchronously releases managed resources other than those handed to <see cref="Own{T}"/>; the default calls <see cref="Dispose(bool)"/> with <see langword="true"/>.</summary>
    /// <returns>A task that completes when resources are released.</returns>
    protected virtual ValueTask DisposeAsyncCore()
    {
        Dispose(disposing: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/> when the instance has been disposed.</summary>
    protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(IsDisposed, this);
}

using Checkpoint;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers checkpointers and stores in an <see cref="IServiceCollection"/>.</summary>
public static class CheckpointServiceCollectionExtensions
{
    /// <summary>
    /// Registers a checkpointer as a singleton, both as <typeparamref name="TSaver"/> and as
    /// <see cref="BaseCheckpointSaver"/>. Backend packages build their <c>AddXxxCheckpointSaver</c> methods on this.
    /// </summary>
    /// <typeparam name="TSaver">The saver type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="factory">Creates the saver.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddCheckpointSaver<TSaver>(this IServiceCollection services, Func<IServiceProvider, TSaver> factory)
        where TSaver : BaseCheckpointSaver
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(factory);
        services.TryAddSingleton(factory);
        services.TryAddSingleton<BaseCheckpointSaver>(sp => sp.GetRequiredService<TSaver>());
        return services;
    }

    /// <summary>
    /// Registers a store as a singleton, both as <typeparamref name="TStore"/> and as <see cref="BaseStore"/>.
    /// Backend packages build their <c>AddXxxStore</c> methods on this.
    /// </summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="factory">Creates the store.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddStore<TStore>(this IServiceCollection services, Func<IServiceProvider, TStore> factory)
        where TStore : BaseStore
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(factory);
        services.TryAddSingleton(factory);
        services.TryAddSingleton<BaseStore>(sp => sp.GetRequiredService<TStore>());
        return services;
    }

    /// <summary>
    /// Registers a checkpointer as a singleton (see <see cref="AddCheckpointSaver{TSaver}"/>), created from options
    /// that start with the container's defaults (a registered <see cref="ICheckpointSerializer"/>) and are then
    /// configured by the caller.
    /// </summary>
    /// <typeparam name="TSaver">The saver type.</typeparam>
    /// <typeparam name="TOptions">The saver's options type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options; may be <see langword="null"/>.</param>
    /// <param name="factory">Creates the saver from the provider and the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddCheckpointSaver<TSaver, TOptions>(this IServiceCollection services, Action<TOptions>? configure, Func<IServiceProvider, TOptions, TSaver> factory)
        where TSaver : BaseCheckpointSaver
        where TOptions : CheckpointSaverOptions, new()
    {
        ArgumentNullException.ThrowIfNull(factory);
        return services.AddCheckpointSaver(sp =>
        {
            var options = new TOptions { Serializer = sp.GetService<ICheckpointSerializer>() };
            configure?.Invoke(options);
            return factory(sp, options);
        });
    }

    /// <summary>
    /// Registers a store as a singleton (see <see cref="AddStore{TStore}"/>), created from options that start with
    /// the container's defaults (a registered <see cref="TimeProvider"/> as the clock) and are then configured by the
    /// caller.
    /// </summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <typeparam name="TOptions">The store's options type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options; may be <see langword="null"/>.</param>
    /// <param name="factory">Creates the store from the provider and the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddStore<TStore, TOptions>(this IServiceCollection services, Action<TOptions>? configure, Func<IServiceProvider, TOptions, TStore> factory)
        where TStore : BaseStore
        where TOptions : StoreOptions, new()
    {
        ArgumentNullException.ThrowIfNull(factory);
        return services.AddStore(sp =>
        {
            var options = new TOptions { TimeProvider = sp.GetService<TimeProvider>() ?? TimeProvider.System };
            configure?.Invoke(options);
            return factory(sp, options);
        });
    }

    /// <summary>Registers an <see cref="InMemorySaver"/> as the <see cref="BaseCheckpointSaver"/>.</summary>
    /// <param name="services">The services.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>A registered <see cref="ICheckpointSerializer"/> is used when there is one.</remarks>
    public static IServiceCollection AddInMemoryCheckpointSaver(this IServiceCollection services) =>
        services.AddCheckpointSaver(sp => new InMemorySaver(sp.GetService<ICheckpointSerializer>()));

    /// <summary>Registers an <see cref="InMemoryStore"/> as the <see cref="BaseStore"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the store's options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddInMemoryStore(this IServiceCollection services, Action<StoreOptions>? configure = null) =>
        services.AddStore<InMemoryStore, StoreOptions>(configure, (_, options) => new InMemoryStore(options));

    /// <summary>
    /// Registers a hosted service that calls <see cref="BaseStore.SweepExpiredAsync"/> on the registered
    /// <see cref="BaseStore"/> every <see cref="StoreTtlOptions.SweepInterval"/> (default 5 minutes). Expired items are
    /// never returned even without it; sweeping reclaims their space. A failed sweep is logged and retried at the next
    /// interval.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddStoreTtlSweeper(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StoreTtlSweeper>(
            sp => new StoreTtlSweeper(sp.GetRequiredService<BaseStore>(), sp.GetService<ILogger<StoreTtlSweeper>>())));
        return services;
    }

    /// <summary>Registers a hosted service that runs <c>SetupAsync</c> on the registered saver and store when the host starts, so migrations are applied before the first request.</summary>
    /// <param name="services">The services.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddCheckpointSetupOnStartup(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CheckpointSetupService>());
        return services;
    }
}

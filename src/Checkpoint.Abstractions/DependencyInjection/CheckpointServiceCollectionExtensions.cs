using Checkpoint;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
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
        ArgumentNullException.ThrowIfNull(factory);
        return services.AddKeyedCheckpointSaver(null, (sp, _) => factory(sp));
    }

    /// <summary>
    /// Registers a checkpointer as a keyed singleton, both as <typeparamref name="TSaver"/> and as
    /// <see cref="BaseCheckpointSaver"/> under <paramref name="serviceKey"/>, so one application can hold several
    /// (resolve them with <c>[FromKeyedServices(key)]</c> or <c>GetRequiredKeyedService</c>). The container disposes
    /// the saver it created, as for an unkeyed one; a <see langword="null"/> key registers an unkeyed saver.
    /// </summary>
    /// <typeparam name="TSaver">The saver type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="factory">Creates the saver from the provider and the key.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddKeyedCheckpointSaver<TSaver>(this IServiceCollection services, object? serviceKey, Func<IServiceProvider, object?, TSaver> factory)
        where TSaver : BaseCheckpointSaver
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(factory);
        services.TryAddKeyedSingleton(serviceKey, factory);
        services.TryAddKeyedSingleton<BaseCheckpointSaver>(serviceKey, (sp, key) => sp.GetRequiredKeyedService<TSaver>(key));
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
        ArgumentNullException.ThrowIfNull(factory);
        return services.AddKeyedStore(null, (sp, _) => factory(sp));
    }

    /// <summary>
    /// Registers a store as a keyed singleton, both as <typeparamref name="TStore"/> and as <see cref="BaseStore"/>
    /// under <paramref name="serviceKey"/>. The container disposes the store it created, as for an unkeyed one; a
    /// <see langword="null"/> key registers an unkeyed store.
    /// </summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="factory">Creates the store from the provider and the key.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddKeyedStore<TStore>(this IServiceCollection services, object? serviceKey, Func<IServiceProvider, object?, TStore> factory)
        where TStore : BaseStore
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(factory);
        services.TryAddKeyedSingleton(serviceKey, factory);
        services.TryAddKeyedSingleton<BaseStore>(serviceKey, (sp, key) => sp.GetRequiredKeyedService<TStore>(key));
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
        return services.AddKeyedCheckpointSaver(null, configure, factory);
    }

    /// <summary>
    /// Registers a checkpointer as a singleton (see <see cref="AddCheckpointSaver{TSaver}"/>), created from options
    /// that start with the container's defaults, applied in this order for every backend: a registered
    /// <see cref="ICheckpointSerializer"/>, then diagnostics logging to a registered <see cref="ILoggerFactory"/>; then
    /// <paramref name="configure"/> runs with the provider.
    /// </summary>
    /// <typeparam name="TSaver">The saver type.</typeparam>
    /// <typeparam name="TOptions">The saver's options type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options with access to the provider; may be <see langword="null"/>.</param>
    /// <param name="factory">Creates the saver from the provider and the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddCheckpointSaver<TSaver, TOptions>(this IServiceCollection services, Action<IServiceProvider, TOptions>? configure, Func<IServiceProvider, TOptions, TSaver> factory)
        where TSaver : BaseCheckpointSaver
        where TOptions : CheckpointSaverOptions, new() =>
        services.AddKeyedCheckpointSaver(null, configure, factory);

    /// <summary>Registers a checkpointer as a keyed singleton, configured by <paramref name="configure"/> after the container's defaults (see <see cref="AddKeyedCheckpointSaver{TSaver, TOptions}(IServiceCollection, object?, Action{IServiceProvider, TOptions}?, Func{IServiceProvider, TOptions, TSaver})"/>).</summary>
    /// <typeparam name="TSaver">The saver type.</typeparam>
    /// <typeparam name="TOptions">The saver's options type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="configure">Configures the options; may be <see langword="null"/>.</param>
    /// <param name="factory">Creates the saver from the provider and the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddKeyedCheckpointSaver<TSaver, TOptions>(this IServiceCollection services, object? serviceKey, Action<TOptions>? configure, Func<IServiceProvider, TOptions, TSaver> factory)
        where TSaver : BaseCheckpointSaver
        where TOptions : CheckpointSaverOptions, new() =>
        services.AddKeyedCheckpointSaver(serviceKey, configure is null ? null : (_, options) => configure(options), factory);

    /// <summary>
    /// Registers a checkpointer as a keyed singleton (see <see cref="AddKeyedCheckpointSaver{TSaver}"/>), created from
    /// options set in this order, the same for every backend: the container's defaults (the
    /// <see cref="ICheckpointSerializer"/> registered under <paramref name="serviceKey"/>, else the unkeyed one, and
    /// diagnostics logging to a registered <see cref="ILoggerFactory"/>), then <paramref name="configure"/>, which
    /// configuration overloads start with binding their section, so the caller's code always wins.
    /// </summary>
    /// <typeparam name="TSaver">The saver type.</typeparam>
    /// <typeparam name="TOptions">The saver's options type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="configure">Configures the options with access to the provider; may be <see langword="null"/>.</param>
    /// <param name="factory">Creates the saver from the provider and the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddKeyedCheckpointSaver<TSaver, TOptions>(this IServiceCollection services, object? serviceKey, Action<IServiceProvider, TOptions>? configure, Func<IServiceProvider, TOptions, TSaver> factory)
        where TSaver : BaseCheckpointSaver
        where TOptions : CheckpointSaverOptions, new()
    {
        ArgumentNullException.ThrowIfNull(factory);
        return services.AddKeyedCheckpointSaver(serviceKey, (sp, key) =>
        {
            var options = new TOptions { Serializer = GetKeyedOrDefault<ICheckpointSerializer>(sp, key), Diagnostics = DefaultDiagnostics(sp) };
            configure?.Invoke(sp, options);
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
        return services.AddKeyedStore(null, configure, factory);
    }

    /// <summary>
    /// Registers a store as a singleton (see <see cref="AddStore{TStore}"/>), created from options that start with the
    /// container's defaults, applied in this order for every backend: a registered <see cref="TimeProvider"/> as the
    /// clock, then diagnostics logging to a registered <see cref="ILoggerFactory"/>; then <paramref name="configure"/>
    /// runs with the provider.
    /// </summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <typeparam name="TOptions">The store's options type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options with access to the provider; may be <see langword="null"/>.</param>
    /// <param name="factory">Creates the store from the provider and the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddStore<TStore, TOptions>(this IServiceCollection services, Action<IServiceProvider, TOptions>? configure, Func<IServiceProvider, TOptions, TStore> factory)
        where TStore : BaseStore
        where TOptions : StoreOptions, new() =>
        services.AddKeyedStore(null, configure, factory);

    /// <summary>Registers a store as a keyed singleton, configured by <paramref name="configure"/> after the container's defaults (see <see cref="AddKeyedStore{TStore, TOptions}(IServiceCollection, object?, Action{IServiceProvider, TOptions}?, Func{IServiceProvider, TOptions, TStore})"/>).</summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <typeparam name="TOptions">The store's options type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="configure">Configures the options; may be <see langword="null"/>.</param>
    /// <param name="factory">Creates the store from the provider and the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddKeyedStore<TStore, TOptions>(this IServiceCollection services, object? serviceKey, Action<TOptions>? configure, Func<IServiceProvider, TOptions, TStore> factory)
        where TStore : BaseStore
        where TOptions : StoreOptions, new() =>
        services.AddKeyedStore(serviceKey, configure is null ? null : (_, options) => configure(options), factory);

    /// <summary>
    /// Registers a store as a keyed singleton (see <see cref="AddKeyedStore{TStore}"/>), created from options set in
    /// this order, the same for every backend: the container's defaults (a registered <see cref="TimeProvider"/> as
    /// the clock, diagnostics logging to a registered <see cref="ILoggerFactory"/>), then <paramref name="configure"/>
    /// (which configuration overloads start with binding their section), so the caller's code always wins. Last, an
    /// <see cref="StoreOptions.Index"/> left without an embedding generator gets the
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> registered under <paramref name="serviceKey"/>, else the
    /// unkeyed one; the container never disposes a generator it did not create.
    /// </summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <typeparam name="TOptions">The store's options type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="configure">Configures the options with access to the provider; may be <see langword="null"/>.</param>
    /// <param name="factory">Creates the store from the provider and the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddKeyedStore<TStore, TOptions>(this IServiceCollection services, object? serviceKey, Action<IServiceProvider, TOptions>? configure, Func<IServiceProvider, TOptions, TStore> factory)
        where TStore : BaseStore
        where TOptions : StoreOptions, new()
    {
        ArgumentNullException.ThrowIfNull(factory);
        return services.AddKeyedStore(serviceKey, (sp, key) =>
        {
            var options = new TOptions { TimeProvider = sp.GetService<TimeProvider>() ?? TimeProvider.System, Diagnostics = DefaultDiagnostics(sp) };
            configure?.Invoke(sp, options);
            if (options.Index is { EmbeddingGenerator: null } index)
            {
                index.EmbeddingGenerator = GetKeyedOrDefault<IEmbeddingGenerator<string, Embedding<float>>>(sp, key);
            }

            return factory(sp, options);
        });
    }

    /// <summary>Registers an <see cref="InMemorySaver"/> as the <see cref="BaseCheckpointSaver"/>.</summary>
    /// <param name="services">The services.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>A registered <see cref="ICheckpointSerializer"/> is used when there is one.</remarks>
    public static IServiceCollection AddInMemoryCheckpointSaver(this IServiceCollection services) =>
        services.AddKeyedInMemoryCheckpointSaver(null, configure: null);

    /// <summary>
    /// Registers an <see cref="InMemorySaver"/> as the <see cref="BaseCheckpointSaver"/>, with options bound from
    /// <paramref name="configuration"/> (<c>ChunkCache:MaxBytes</c>, <c>Diagnostics:*</c>; see
    /// <see cref="CheckpointConfiguration"/>) after the container's defaults and before <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Configures the options after binding; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has a key that names no option, or a value that does not convert.</exception>
    public static IServiceCollection AddInMemoryCheckpointSaver(this IServiceCollection services, IConfiguration configuration, Action<IServiceProvider, CheckpointSaverOptions>? configure = null) =>
        services.AddKeyedInMemoryCheckpointSaver(null, configuration, configure);

    /// <summary>Registers an <see cref="InMemorySaver"/> under <paramref name="serviceKey"/> (see <see cref="AddKeyedCheckpointSaver{TSaver, TOptions}(IServiceCollection, object?, Action{IServiceProvider, TOptions}?, Func{IServiceProvider, TOptions, TSaver})"/>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="configure">Configures the options; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddKeyedInMemoryCheckpointSaver(this IServiceCollection services, object? serviceKey, Action<IServiceProvider, CheckpointSaverOptions>? configure = null) =>
        services.AddKeyedCheckpointSaver(serviceKey, configure, (_, options) => new InMemorySaver(options));

    /// <summary>Registers an <see cref="InMemorySaver"/> under <paramref name="serviceKey"/>, configured from <paramref name="configuration"/> (see <see cref="AddInMemoryCheckpointSaver(IServiceCollection, IConfiguration, Action{IServiceProvider, CheckpointSaverOptions})"/>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Configures the options after binding; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has a key that names no option, or a value that does not convert.</exception>
    public static IServiceCollection AddKeyedInMemoryCheckpointSaver(this IServiceCollection services, object? serviceKey, IConfiguration configuration, Action<IServiceProvider, CheckpointSaverOptions>? configure = null) =>
        services.AddKeyedInMemoryCheckpointSaver(serviceKey, CheckpointConfiguration.Configure(configuration, configure));

    /// <summary>Registers an <see cref="InMemoryStore"/> as the <see cref="BaseStore"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the store's options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddInMemoryStore(this IServiceCollection services, Action<StoreOptions>? configure = null) =>
        services.AddStore<InMemoryStore, StoreOptions>(configure, (_, options) => new InMemoryStore(options));

    /// <summary>
    /// Registers an <see cref="InMemoryStore"/> as the <see cref="BaseStore"/>, with options bound from
    /// <paramref name="configuration"/> (<c>Index:Dimensions</c>, <c>Index:Fields</c>, <c>Ttl:*</c>, <c>Diagnostics:*</c>;
    /// see <see cref="CheckpointConfiguration"/>) after the container's defaults and before <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Configures the options after binding; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has a key that names no option, or a value that does not convert.</exception>
    public static IServiceCollection AddInMemoryStore(this IServiceCollection services, IConfiguration configuration, Action<IServiceProvider, StoreOptions>? configure = null) =>
        services.AddKeyedInMemoryStore(null, configuration, configure);

    /// <summary>Registers an <see cref="InMemoryStore"/> under <paramref name="serviceKey"/> (see <see cref="AddKeyedStore{TStore, TOptions}(IServiceCollection, object?, Action{IServiceProvider, TOptions}?, Func{IServiceProvider, TOptions, TStore})"/>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="configure">Configures the options; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddKeyedInMemoryStore(this IServiceCollection services, object? serviceKey, Action<IServiceProvider, StoreOptions>? configure = null) =>
        services.AddKeyedStore(serviceKey, configure, (_, options) => new InMemoryStore(options));

    /// <summary>Registers an <see cref="InMemoryStore"/> under <paramref name="serviceKey"/>, configured from <paramref name="configuration"/> (see <see cref="AddInMemoryStore(IServiceCollection, IConfiguration, Action{IServiceProvider, StoreOptions})"/>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Configures the options after binding; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has a key that names no option, or a value that does not convert.</exception>
    public static IServiceCollection AddKeyedInMemoryStore(this IServiceCollection services, object? serviceKey, IConfiguration configuration, Action<IServiceProvider, StoreOptions>? configure = null) =>
        services.AddKeyedInMemoryStore(serviceKey, CheckpointConfiguration.Configure(configuration, configure));

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

    private static T? GetKeyedOrDefault<T>(IServiceProvider services, object? serviceKey)
        where T : class =>
        (serviceKey is null ? null : services.GetKeyedService<T>(serviceKey)) ?? services.GetService<T>();

    private static CheckpointDiagnosticsOptions? DefaultDiagnostics(IServiceProvider services) =>
        services.GetService<ILoggerFactory>() is { } loggerFactory ? new CheckpointDiagnosticsOptions { LoggerFactory = loggerFactory } : null;
}

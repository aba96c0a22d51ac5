using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// The hook of <see cref="ConfigurationTests"/>: how a backend registers a saver and a store from a configuration
/// section, and the keys that point them at the shared database (for example <c>ConnectionString</c>, a schema or key
/// prefix).
/// </summary>
public sealed class ConfigurationRegistration
{
    /// <summary>Gets the keys, relative to the section, that make a saver use the shared, set-up database.</summary>
    public required IReadOnlyDictionary<string, string?> SaverSettings { get; init; }

    /// <summary>Gets the keys, relative to the section, that make a store use the shared, set-up database.</summary>
    public required IReadOnlyDictionary<string, string?> StoreSettings { get; init; }

    /// <summary>Gets the call of the backend's keyed saver registration from a section: services, key, section, callback.</summary>
    public required Action<IServiceCollection, object?, IConfiguration, Action<IServiceProvider, CheckpointSaverOptions>?> AddSaver { get; init; }

    /// <summary>Gets the call of the backend's keyed store registration from a section: services, key, section, callback.</summary>
    public required Action<IServiceCollection, object?, IConfiguration, Action<IServiceProvider, StoreOptions>?> AddStore { get; init; }

    /// <summary>Gets whether the section must hold a <c>ConnectionString</c> (the in-memory backend needs none).</summary>
    public bool RequiresConnectionString { get; init; } = true;
}

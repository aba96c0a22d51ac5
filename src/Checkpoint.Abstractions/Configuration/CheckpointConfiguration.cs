using Microsoft.Extensions.Configuration;

namespace Checkpoint;

/// <summary>
/// Reads the configuration section a backend's <c>AddXxxCheckpointSaver(IConfiguration)</c> or <c>AddXxxStore(IConfiguration)</c>
/// is given: its connection string and the options' settable properties. Backend packages build their configuration
/// overloads on this, so every backend reads sections the same way and reports the same errors.
/// </summary>
/// <remarks>
/// A section holds <see cref="ConnectionStringKey"/> (for backends that need one) and the options' plain properties
/// by name, nested ones with <c>:</c> (<c>ChunkCache:MaxBytes</c>, <c>Diagnostics:SlowOperationThreshold</c>,
/// <c>Index:Dimensions</c>). A key that names no property, or a value that does not convert, throws
/// <see cref="InvalidOperationException"/> naming the section and the key, when the registration is made; the
/// connection string is never part of a message.
/// </remarks>
public static class CheckpointConfiguration
{
    /// <summary>The key of the connection string in a section: <c>ConnectionString</c>.</summary>
    public const string ConnectionStringKey = "ConnectionString";

    /// <summary>Returns the section's <see cref="ConnectionStringKey"/>.</summary>
    /// <param name="section">The section.</param>
    /// <returns>The connection string.</returns>
    /// <exception cref="InvalidOperationException">The section has no connection string; the message names its path.</exception>
    public static string GetConnectionString(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var value = section[ConnectionStringKey];
        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"The configuration key '{PathOf(section, ConnectionStringKey)}' is missing or empty: set the connection string there (see the backend's README, \"Configuration\").")
            : value;
    }

    /// <summary>
    /// Returns the options callback of a configuration registration: it binds <paramref name="section"/> onto the
    /// options (after the container's defaults) and then runs <paramref name="configure"/>, so the caller's code wins
    /// over configuration. The section is also bound at once onto fresh options, so that an unknown key or a bad value
    /// fails the registration rather than the first resolve.
    /// </summary>
    /// <typeparam name="TOptions">The options type.</typeparam>
    /// <param name="section">The section.</param>
    /// <param name="configure">The caller's callback; may be <see langword="null"/>.</param>
    /// <param name="registrationKeys">Keys the registration reads itself (such as <see cref="ConnectionStringKey"/>), which binding skips.</param>
    /// <returns>The callback to pass to <c>AddKeyedCheckpointSaver</c> or <c>AddKeyedStore</c>.</returns>
    /// <exception cref="InvalidOperationException">A key names no property or a value does not convert; the message names both.</exception>
    /// <remarks>
    /// Binding uses <see cref="ConfigurationBinder"/> by reflection: the binding source generator cannot bind options
    /// that also hold services (serializer, logger factory, clock, embedding generator).
    /// </remarks>
    public static Action<IServiceProvider, TOptions> Configure<TOptions>(IConfiguration section, Action<IServiceProvider, TOptions>? configure, params string[] registrationKeys)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(registrationKeys);
        var settings = new SectionWithoutKeys(section, registrationKeys);
        Bind(settings, new TOptions());
        return (services, options) =>
        {
            Bind(settings, options);
            configure?.Invoke(services, options);
        };
    }

    private static void Bind<TOptions>(SectionWithoutKeys section, TOptions options)
        where TOptions : class
    {
        try
        {
            section.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            // The binder names the unknown key, or the path of the value it could not convert; add the section.
            throw new InvalidOperationException($"The configuration section '{section.Path}' does not fit {typeof(TOptions).Name}: {e.Message}", e);
        }
    }

    private static string PathOf(IConfiguration section, string key) =>
        section is IConfigurationSection { Path: { Length: > 0 } path } ? ConfigurationPath.Combine(path, key) : key;
}

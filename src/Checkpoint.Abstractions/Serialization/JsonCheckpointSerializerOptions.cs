using System.Text.Json;
using System.Text.RegularExpressions;

namespace Checkpoint;

/// <summary>
/// Configures <see cref="JsonCheckpointSerializer"/>: which application types may be stored (each under a stable
/// name) and the <see cref="System.Text.Json.JsonSerializerOptions"/> used for them.
/// </summary>
/// <remarks>
/// Without registration the serializer stores primitives, strings, <see cref="System.Text.Json.Nodes.JsonNode"/>,
/// Microsoft.Extensions.AI <c>ChatMessage</c>, <c>List&lt;T&gt;</c>, <c>T[]</c> and <c>Dictionary&lt;string, T&gt;</c> of those,
/// and untyped JSON-like values (<c>Dictionary&lt;string, object?&gt;</c>, <c>List&lt;object?&gt;</c>). Any other type must be
/// registered; the name is what the database holds, so keep it stable when the type is renamed or moved.
/// </remarks>
public sealed partial class JsonCheckpointSerializerOptions
{
    private readonly Dictionary<string, Type> _registrations = new(StringComparer.Ordinal);

    /// <summary>
    /// Gets or sets the options used to serialize registered types and typed containers; a copy of
    /// <see cref="JsonCheckpointSerializer.DefaultJsonSerializerOptions"/> when <see langword="null"/>.
    /// </summary>
    public JsonSerializerOptions? JsonSerializerOptions { get; set; }

    /// <summary>Gets the registered types, by name.</summary>
    public IReadOnlyDictionary<string, Type> Registrations => _registrations;

    /// <summary>Allows <typeparamref name="T"/> to be stored and loaded under <paramref name="name"/>.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="name">A stable name: letters, digits, <c>_</c>, <c>.</c> and <c>-</c>, starting with a letter or <c>_</c>.</param>
    /// <returns>This instance, for chaining.</returns>
    public JsonCheckpointSerializerOptions Register<T>(string name) => Register(typeof(T), name);

    /// <summary>Allows <paramref name="type"/> to be stored and loaded under <paramref name="name"/>.</summary>
    /// <param name="type">The type.</param>
    /// <param name="name">A stable name: letters, digits, <c>_</c>, <c>.</c> and <c>-</c>, starting with a letter or <c>_</c>.</param>
    /// <returns>This instance, for chaining.</returns>
    /// <exception cref="ArgumentException">The name is malformed, built in, or already registered for another type.</exception>
    public JsonCheckpointSerializerOptions Register(Type type, string name)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a valid type name: use letters, digits, '_', '.' and '-', starting with a letter or '_'.", nameof(name));
        }

        if (SerializerTypeMap.IsBuiltInName(name))
        {
            throw new ArgumentException($"'{name}' is a built-in type name and cannot be registered.", nameof(name));
        }

        if (_registrations.TryGetValue(name, out var existing) && existing != type)
        {
            throw new ArgumentException($"'{name}' is already registered for {existing.FullName}.", nameof(name));
        }

        _registrations[name] = type;
        return this;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.\\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}

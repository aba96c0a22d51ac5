using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Checkpoint;

/// <summary>
/// A view of a configuration section without the keys a registration reads itself (the connection string), so that
/// binding the rest with <see cref="BinderOptions.ErrorOnUnknownConfiguration"/> does not count them as unknown.
/// </summary>
/// <param name="section">The section.</param>
/// <param name="hiddenKeys">The top-level keys to hide.</param>
internal sealed class SectionWithoutKeys(IConfiguration section, IReadOnlyCollection<string> hiddenKeys) : IConfigurationSection
{
    /// <inheritdoc />
    public string Key => (section as IConfigurationSection)?.Key ?? string.Empty;

    /// <inheritdoc />
    public string Path => (section as IConfigurationSection)?.Path ?? string.Empty;

    /// <inheritdoc />
    public string? Value
    {
        get => (section as IConfigurationSection)?.Value;
        set => throw new NotSupportedException("A checkpoint configuration view is read-only.");
    }

    /// <inheritdoc />
    public string? this[string key]
    {
        get => IsHidden(key) ? null : section[key];
        set => throw new NotSupportedException("A checkpoint configuration view is read-only.");
    }

    /// <inheritdoc />
    public IEnumerable<IConfigurationSection> GetChildren() => section.GetChildren().Where(child => !IsHidden(child.Key));

    /// <inheritdoc />
    public IChangeToken GetReloadToken() => section.GetReloadToken();

    /// <inheritdoc />
    public IConfigurationSection GetSection(string key) => section.GetSection(key);

    private bool IsHidden(string key) => hiddenKeys.Contains(key, StringComparer.OrdinalIgnoreCase);
}

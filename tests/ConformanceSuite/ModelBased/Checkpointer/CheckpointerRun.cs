using System.Text.Json.Nodes;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// The identifiers of one replay: symbolic threads and runs map to names no other replay uses, so a replay on a
/// shared database sees only its own data (run ids are global: <c>DeleteForRuns</c> spans every thread).
/// </summary>
public sealed class CheckpointerRun
{
    /// <summary>The placeholder, in metadata and filter templates, for this replay's token.</summary>
    public const string SuitePlaceholder = "$suite";

    /// <summary>The prefix, in metadata and filter templates, of a symbolic run id (<c>$run:2</c>).</summary>
    public const string RunPlaceholderPrefix = "$run:";

    /// <summary>Gets the token that makes this replay's names unique.</summary>
    public string Token { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>Returns the thread id of a symbolic thread.</summary>
    /// <param name="index">The symbolic thread.</param>
    /// <returns>The thread id.</returns>
    public string Thread(int index) => $"model-{Token}-t{index}";

    /// <summary>Returns the run id of a symbolic run.</summary>
    /// <param name="index">The symbolic run.</param>
    /// <returns>The run id.</returns>
    public string Run(int index) => $"run-{Token}-r{index}";

    /// <summary>Replaces the placeholders in a template.</summary>
    /// <param name="template">Metadata or a filter whose string values may be placeholders.</param>
    /// <returns>A new object.</returns>
    public JsonObject Resolve(JsonObject template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var resolved = new JsonObject();
        foreach (var (key, value) in template)
        {
            resolved[key] = value is JsonValue v && v.TryGetValue<string>(out var text) ? ResolvePlaceholder(text) : value?.DeepClone();
        }

        return resolved;
    }

    /// <summary>Replaces this replay's token in text, so messages read the same in every replay.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text with the token replaced by <c>~</c>.</returns>
    public string Display(string text) => (text ?? string.Empty).Replace(Token, "~", StringComparison.Ordinal);

    private JsonNode ResolvePlaceholder(string text) =>
        text == SuitePlaceholder ? Token
        : text.StartsWith(RunPlaceholderPrefix, StringComparison.Ordinal) ? Run(int.Parse(text[RunPlaceholderPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture))
        : text;
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Checkpoint.Cli.Inspection;

/// <summary>A stored value as the tool can show it.</summary>
/// <param name="Type">The stored type tag.</param>
/// <param name="Bytes">The stored size.</param>
/// <param name="Json">The value as JSON, when the tool can read it.</param>
/// <param name="Messages">The chat messages, when the value is a message or a list of them.</param>
/// <param name="Note">Why the value is shown only in part (an unregistered type, ciphertext, an unknown format), or <see langword="null"/>.</param>
internal sealed record RenderedValue(string Type, int Bytes, JsonNode? Json, IReadOnlyList<ChatMessage>? Messages, string? Note)
{
    /// <summary>Gets whether the value was read and is JSON <c>null</c>.</summary>
    public bool IsNull { get; init; }

    /// <summary>Gets a one-line summary: the value, shortened, or its type and size.</summary>
    public string Summary => Messages is { } messages
        ? $"{messages.Count} message{(messages.Count == 1 ? string.Empty : "s")}"
        : Json is { } json
            ? Shorten(json.ToJsonString(), 120)
            : IsNull ? "null" : $"<{Type}, {Bytes} bytes>";

    /// <summary>Shortens a text to at most <paramref name="max"/> characters.</summary>
    /// <param name="text">The text.</param>
    /// <param name="max">The longest result.</param>
    /// <returns>The text, or its start and an ellipsis.</returns>
    public static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    /// <summary>Returns the value as JSON for <c>--json</c> output.</summary>
    /// <returns>An object with the type, size, value and, for messages, role and text of each.</returns>
    public JsonObject ToJson()
    {
        var result = new JsonObject { ["type"] = Type, ["bytes"] = Bytes, ["value"] = Json?.DeepClone() };
        if (Messages is { } messages)
        {
            result["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role.Value, ["text"] = m.Text })]);
        }

        if (Note is not null)
        {
            result["note"] = Note;
        }

        return result;
    }
}

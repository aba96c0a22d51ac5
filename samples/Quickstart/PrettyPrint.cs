using Microsoft.Extensions.AI;

namespace Quickstart;

/// <summary>Prints chat messages the way LangGraph's <c>pretty_print</c> does: an 80-column role banner, a blank line, the content.</summary>
public static class PrettyPrint
{
    /// <summary>Returns the banner for a title, e.g. <c>=== Human Message ===</c> padded to 80 columns.</summary>
    /// <param name="title">The title.</param>
    /// <returns>The banner.</returns>
    public static string Banner(string title)
    {
        var padded = $" {title} ";
        var side = new string('=', (80 - padded.Length) / 2);
        return side + padded + side + (padded.Length % 2 == 1 ? "=" : string.Empty);
    }

    /// <summary>Returns a message as LangGraph prints it.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The text.</returns>
    public static string Format(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var role = message.Role == ChatRole.User ? "Human"
            : message.Role == ChatRole.Assistant ? "Ai"
            : message.Role == ChatRole.System ? "System"
            : message.Role == ChatRole.Tool ? "Tool"
            : message.Role.Value;
        return $"{Banner($"{role} Message")}\n\n{message.Text}";
    }
}

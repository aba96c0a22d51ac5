using Microsoft.Extensions.AI;

namespace Quickstart;

/// <summary>The quickstart's one tool with a side effect: sending an email (pretend), which a human approves first.</summary>
public static class EmailTool
{
    /// <summary>The tool's name.</summary>
    public const string Name = "send_email";

    /// <summary>Gets the tool as the model sees it.</summary>
    public static AIFunction Declaration { get; } = AIFunctionFactory.Create(Send, Name, "Sends an email. A human approves every call before it runs.");

    /// <summary>Sends the email (the quickstart only pretends).</summary>
    /// <param name="to">The recipient.</param>
    /// <param name="body">The text.</param>
    /// <returns>What the tool reports to the model.</returns>
    public static string Send(string to, string body) => $"email sent to {to}: \"{body}\"";
}

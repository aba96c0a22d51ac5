using System.Text.Json.Nodes;

namespace Checkpoint.Tests.Support;

/// <summary>What a child process printed and returned.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    /// <summary>Gets standard output parsed as JSON.</summary>
    public JsonNode Json => JsonNode.Parse(Output) ?? throw new InvalidOperationException("The output is JSON null.");

    /// <summary>Gets both streams, for assertion messages.</summary>
    public string All => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Checkpoint.Cli.Output;

/// <summary>
/// Where the tool writes: results on standard output (tables, trees, or JSON with <c>--json</c>), messages, errors and
/// progress on standard error, so <c>checkpoint threads --json | jq</c> sees only JSON. Every byte passes a
/// <see cref="RedactingWriter"/>.
/// </summary>
internal sealed class CliConsole
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Initializes the console over two writers.</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="outputIsTerminal">Whether standard output is a terminal (colours, terminal width).</param>
    /// <param name="errorIsTerminal">Whether standard error is a terminal (progress bars).</param>
    public CliConsole(TextWriter output, TextWriter error, bool outputIsTerminal, bool errorIsTerminal)
    {
        Output = new RedactingWriter(output);
        Error = new RedactingWriter(error);
        ShowsProgress = errorIsTerminal;
        Out = CreateAnsi(Output, outputIsTerminal);
        Err = CreateAnsi(Error, errorIsTerminal);
    }

    /// <summary>Gets standard output.</summary>
    public RedactingWriter Output { get; }

    /// <summary>Gets standard error.</summary>
    public RedactingWriter Error { get; }

    /// <summary>Gets the rich console over standard output.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Gets the rich console over standard error (progress).</summary>
    public IAnsiConsole Err { get; }

    /// <summary>Gets whether long work shows progress bars (only when standard error is a terminal).</summary>
    public bool ShowsProgress { get; }

    /// <summary>Hides secrets from everything written from now on.</summary>
    /// <param name="secrets">The secrets.</param>
    public void Hide(IEnumerable<string> secrets)
    {
        var list = secrets.ToList();
        Output.Hide(list);
        Error.Hide(list);
    }

    /// <summary>Writes a message line to standard error.</summary>
    /// <param name="message">The message.</param>
    public void Info(string message) => Error.WriteLine(message);

    /// <summary>Writes one JSON value (an object or an array) to standard output.</summary>
    /// <param name="value">The value.</param>
    public void WriteJson(JsonNode? value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonOptions))
        {
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }

        Output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        Output.Flush();
    }

    /// <summary>Writes a JSON array of the given items to standard output.</summary>
    /// <param name="items">The items.</param>
    public void WriteJsonArray(IEnumerable<JsonNode?> items) => WriteJson(new JsonArray([.. items]));

    /// <summary>Flushes both streams.</summary>
    public void Flush()
    {
        Output.Flush();
        Error.Flush();
    }

    private static IAnsiConsole CreateAnsi(TextWriter writer, bool terminal)
    {
        var colour = terminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colour ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });

        // Redirected output has no width: do not wrap tables at 80 columns in files and pipes.
        if (!terminal)
        {
            console.Profile.Width = 240;
        }

        return console;
    }
}

using System.CommandLine;
using Checkpoint.Cli.Backends;
using Checkpoint.Cli.Output;

namespace Checkpoint.Cli.Commands;

/// <summary>What a command's action receives: the parsed command line, the console and the source database.</summary>
internal sealed class CommandContext(ParseResult parseResult, GlobalOptions globals, CliConsole console, CancellationToken cancellationToken)
{
    private BackendSpec? _source;

    /// <summary>Gets the parsed command line.</summary>
    public ParseResult ParseResult { get; } = parseResult;

    /// <summary>Gets the console.</summary>
    public CliConsole Console { get; } = console;

    /// <summary>Gets a token that is cancelled when the user presses Ctrl+C.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Gets the source database named by the global options (its secrets are hidden from output once resolved).</summary>
    public BackendSpec Source
    {
        get
        {
            if (_source is null)
            {
                _source = globals.Source(ParseResult);
                Console.Hide(_source.Secrets());
            }

            return _source;
        }
    }

    /// <summary>Returns the value of an option.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="option">The option.</param>
    /// <returns>The value.</returns>
    public T Get<T>(Option<T> option) => ParseResult.GetValue(option)!;

    /// <summary>Returns the value of an argument.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="argument">The argument.</param>
    /// <returns>The value.</returns>
    public T Get<T>(Argument<T> argument) => ParseResult.GetValue(argument)!;

    /// <summary>Opens the source database.</summary>
    /// <returns>The open database; dispose it.</returns>
    public Task<OpenedBackend> OpenSourceAsync() => BackendOpener.OpenAsync(Source, CancellationToken);
}

namespace Checkpoint.Graph.Pregel;

/// <summary>What a run starts with: new input, a command, or nothing (continue the thread where it stopped).</summary>
internal readonly record struct RunInput(object? Value, Command? Command, bool HasValue)
{
    public static RunInput Continue => default;

    public static RunInput Of(object? value) => new(value, null, true);

    public static RunInput Of(Command command) => new(null, command, false);
}

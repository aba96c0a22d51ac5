namespace Checkpoint.ConformanceSuite;

/// <summary>The outcome of checking one seed: nothing, or the shortest failing sequence found and why it fails.</summary>
/// <param name="Seed">The seed.</param>
/// <param name="Mode">The API mode driven.</param>
/// <param name="GeneratedSteps">How many operations the seed generated.</param>
/// <param name="ShortestSequence">The shortest failing sequence found, one printed operation per entry; empty when the seed passed.</param>
/// <param name="Failure">Why the shortest sequence fails; <see langword="null"/> when the seed passed.</param>
/// <param name="Replays">How many replays shrinking took.</param>
/// <param name="Settings">Settings the sequence ran with, printed with the failure; empty when none.</param>
public sealed record ModelCheckResult(int Seed, ApiMode Mode, int GeneratedSteps, IReadOnlyList<string> ShortestSequence, ModelFailure? Failure, int Replays, string Settings = "")
{
    /// <summary>Gets whether the backend matched the reference.</summary>
    public bool Passed => Failure is null;

    /// <summary>Describes the failure with the seed and the shortest failing sequence.</summary>
    /// <param name="model">Which model ran, for the message.</param>
    /// <returns>The message.</returns>
    public string Describe(string model)
    {
        if (Failure is null)
        {
            return $"{model}: seed {Seed} ({Mode}) matched the in-memory reference over {GeneratedSteps} operations.";
        }

        var steps = string.Join('\n', ShortestSequence.Select((s, i) => $"  {i + 1,3}. {s}"));
        return $"""
            {model}: the backend differs from the in-memory reference for seed {Seed} ({Mode} API).
            Shortest failing sequence: {ShortestSequence.Count} of {GeneratedSteps} generated operations (found in {Replays} replays).
            Reproduce with {ModelSettings.SeedVariable}={Seed} {ModelSettings.StepsVariable}={GeneratedSteps}.{(Settings.Length == 0 ? string.Empty : $" Run with {Settings}.")}
            {steps}
            {Failure.Describe()}
            """;
    }
}

using System.Globalization;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Seeds and lengths of the model-based tests: a fixed set by default, or one seed and any length from the
/// environment to reproduce or extend a run.
/// </summary>
public static class ModelSettings
{
    /// <summary>The environment variable holding the one seed to run (as printed by a failure).</summary>
    public const string SeedVariable = "CHECKPOINT_MODEL_SEED";

    /// <summary>The environment variable holding the number of operations generated per seed.</summary>
    public const string StepsVariable = "CHECKPOINT_MODEL_STEPS";

    /// <summary>Gets the seeds run when <see cref="SeedVariable"/> is not set.</summary>
    public static IReadOnlyList<int> DefaultSeeds { get; } = [101, 202, 303, 404];

    /// <summary>Gets the seeds to run: the one in <see cref="SeedVariable"/>, else <see cref="DefaultSeeds"/>.</summary>
    public static IReadOnlyList<int> Seeds => Read(SeedVariable) is { } seed ? [seed] : DefaultSeeds;

    /// <summary>Returns the number of operations per seed: <see cref="StepsVariable"/>, else <paramref name="defaultSteps"/>.</summary>
    /// <param name="defaultSteps">The model's default.</param>
    /// <returns>The number of operations.</returns>
    public static int Steps(int defaultSteps) => Read(StepsVariable) is { } steps && steps > 0 ? steps : defaultSteps;

    private static int? Read(string variable)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"{variable} must be an integer, not '{text}'.");
    }
}

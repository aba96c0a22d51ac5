using System.Text;

namespace Checkpoint.Sqlite.Tests;

/// <summary>
/// The deterministic content the writer process puts at each step, so the tests can check every checkpoint that
/// survives a crash byte for byte. Compiled into both the writer and the tests.
/// </summary>
public static class WriterPayload
{
    /// <summary>The channel written once, at step 0, and never again (its blob must be found by version afterwards).</summary>
    public const string ConfigChannel = "config";

    /// <summary>Gets the channel values of a step (the config channel included).</summary>
    /// <param name="tag">The writer's tag.</param>
    /// <param name="step">The step.</param>
    /// <returns>The values.</returns>
    public static Dictionary<string, object?> Values(string tag, int step) => new(StringComparer.Ordinal)
    {
        ["step"] = (long)step,
        ["owner"] = $"{tag}:{step}",
        ["payload"] = Text(tag, step),
        [ConfigChannel] = $"config of {tag}",
    };

    /// <summary>Gets the value of the pending write the writer adds after each put.</summary>
    /// <param name="tag">The writer's tag.</param>
    /// <param name="step">The step.</param>
    /// <returns>The value.</returns>
    public static string WriteValue(string tag, int step) => $"write {tag}:{step}";

    /// <summary>A text of 64 to 16,384 characters that depends only on the tag and the step.</summary>
    /// <param name="tag">The writer's tag.</param>
    /// <param name="step">The step.</param>
    /// <returns>The text.</returns>
    public static string Text(string tag, int step)
    {
        var seed = 2166136261u;
        foreach (var c in $"{tag}/{step}")
        {
            seed = (seed ^ c) * 16777619u;
        }

        var random = new Random((int)seed);
        var text = new StringBuilder();
        var length = 64 << random.Next(0, 9);
        while (text.Length < length)
        {
            text.Append((char)('a' + random.Next(26)));
        }

        return text.ToString();
    }
}

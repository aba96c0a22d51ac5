namespace Checkpoint.ConformanceSuite;

/// <summary>
/// What an operation returned, in canonical text, plus any similarity scores (compared with a tolerance, because
/// backends may compute them in another precision).
/// </summary>
/// <param name="Text">The canonical text of the result.</param>
/// <param name="Scores">The scores, in result order; empty when the result has none.</param>
public sealed record ModelObservation(string Text, IReadOnlyList<double?> Scores)
{
    /// <summary>The largest difference two scores may have and still be equal.</summary>
    public const double ScoreTolerance = 1e-6;

    /// <summary>Creates an observation without scores.</summary>
    /// <param name="text">The canonical text.</param>
    /// <returns>The observation.</returns>
    public static ModelObservation Of(string text) => new(text, []);

    /// <summary>Returns whether two observations are equal: same text, and scores within <see cref="ScoreTolerance"/>.</summary>
    /// <param name="other">The other observation.</param>
    /// <returns><see langword="true"/> when they match.</returns>
    public bool Matches(ModelObservation other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Text, other.Text, StringComparison.Ordinal)
            && Scores.Count == other.Scores.Count
            && Scores.Zip(other.Scores).All(p => p.First is null ? p.Second is null : p.Second is not null && Math.Abs(p.First.Value - p.Second.Value) <= ScoreTolerance);
    }

    /// <summary>Renders the observation with its scores, for failure messages.</summary>
    /// <returns>The text.</returns>
    public string Render() =>
        Scores.Count == 0 ? Text : Text + "\nscores: " + string.Join(", ", Scores.Select(s => s?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "none"));
}

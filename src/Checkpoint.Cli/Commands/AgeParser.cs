using System.Globalization;
using System.Text.RegularExpressions;

namespace Checkpoint.Cli.Commands;

/// <summary>Reads <c>--older-than</c>: an age (<c>90m</c>, <c>12h</c>, <c>30d</c>, <c>2w</c>) or a date and time (ISO 8601, UTC unless it says otherwise).</summary>
internal static partial class AgeParser
{
    /// <summary>Turns the text into a cutoff instant.</summary>
    /// <param name="text">The option value.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cutoff">The cutoff.</param>
    /// <returns>Whether the text is valid.</returns>
    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset cutoff)
    {
        var match = Age().Match(text.Trim());
        if (match.Success)
        {
            var amount = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            var unit = match.Groups["unit"].Value switch
            {
                "s" => TimeSpan.FromSeconds(1),
                "m" => TimeSpan.FromMinutes(1),
                "h" => TimeSpan.FromHours(1),
                "d" => TimeSpan.FromDays(1),
                _ => TimeSpan.FromDays(7),
            };
            cutoff = now - (unit * amount);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out cutoff);
    }

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)\s*(?<unit>[smhdw])$", RegexOptions.CultureInvariant)]
    private static partial Regex Age();
}

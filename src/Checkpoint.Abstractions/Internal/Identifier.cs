namespace Checkpoint;

/// <summary>The rule every stored identifier follows: no NUL and no unpaired surrogate (neither survives a UTF-8 database).</summary>
internal static class Identifier
{
    /// <summary>Returns why <paramref name="value"/> cannot be stored, or <see langword="null"/> when it can.</summary>
    public static string? FindProblem(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                return "contains a NUL character";
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"contains an unpaired surrogate (U+{(int)c:X4}) at position {i}, which is not valid Unicode";
            }
        }

        return null;
    }
}

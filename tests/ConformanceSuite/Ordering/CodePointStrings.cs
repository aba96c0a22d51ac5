namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Strings whose code point order differs from their UTF-16 code unit order: a character above U+FFFF is a surrogate
/// pair (from U+D800), which UTF-16 order puts before U+E000-U+FFFF and code point order puts after.
/// </summary>
internal static class CodePointStrings
{
    /// <summary>U+007A, first in both orders.</summary>
    public const string Ascii = "z";

    /// <summary>U+E000, a private-use character: after every surrogate pair by code unit, before them by code point.</summary>
    public const string PrivateUse = "\uE000";

    /// <summary>U+FFFD, the replacement character.</summary>
    public const string Replacement = "\uFFFD";

    /// <summary>U+10000, the first code point outside the Basic Multilingual Plane.</summary>
    public const string FirstSupplementary = "\U00010000";

    /// <summary>U+1F600, an emoji.</summary>
    public const string Emoji = "\U0001F600";

    /// <summary>Gets the strings in code point order (what every backend returns).</summary>
    public static IReadOnlyList<string> InCodePointOrder { get; } = [Ascii, PrivateUse, Replacement, FirstSupplementary, Emoji];

    /// <summary>Gets the same strings shuffled, to write them in an order that is neither.</summary>
    public static IReadOnlyList<string> Shuffled { get; } = [Emoji, PrivateUse, Ascii, FirstSupplementary, Replacement];
}

namespace Checkpoint.Providers;

/// <summary>
/// Orders strings by Unicode code point: the order UTF-8 databases sort text in (SQLite's binary collation,
/// PostgreSQL's <c>COLLATE "C"</c>, MongoDB's default, Redis lexicographic ranges) and the one every checkpointer and
/// store of this family uses for ids, namespaces, keys, search ties, range filters and pending writes.
/// </summary>
/// <remarks>
/// <see cref="string.CompareOrdinal(string, string)"/> compares UTF-16 code units, which puts a character above
/// U+FFFF (a surrogate pair, from U+D800) before one in U+E000-U+FFFF; code point order puts it after. The two orders
/// agree on every other pair of strings. Equality is ordinal.
/// </remarks>
public sealed class CodePointComparer : StringComparer
{
    private CodePointComparer()
    {
    }

    /// <summary>Gets the comparer.</summary>
    public static CodePointComparer Instance { get; } = new();

    /// <summary>Orders two strings by code point; <see langword="null"/> orders first.</summary>
    /// <param name="x">The first string.</param>
    /// <param name="y">The second string.</param>
    /// <returns>Negative when <paramref name="x"/> orders first, zero when equal, positive otherwise.</returns>
    public override int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var common = x.AsSpan().CommonPrefixLength(y.AsSpan());
        if (common == x.Length || common == y.Length)
        {
            return x.Length.CompareTo(y.Length);
        }

        return Rank(x[common]).CompareTo(Rank(y[common]));
    }

    /// <inheritdoc />
    public override bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode(string obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return StringComparer.Ordinal.GetHashCode(obj);
    }

    // At the first unit that differs, a surrogate (the start of a code point above U+FFFF) must order after every
    // unit from U+E000: move surrogates to the top and U+E000-U+FFFF down into the gap they leave.
    private static int Rank(char unit) => unit switch
    {
        < '\uD800' => unit,
        < '\uE000' => unit + 0x2000,
        _ => unit - 0x800,
    };
}

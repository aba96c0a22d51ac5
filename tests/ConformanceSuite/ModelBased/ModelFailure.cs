namespace Checkpoint.ConformanceSuite;

/// <summary>The first difference between the backend and the reference in one replay of a sequence.</summary>
/// <param name="StepIndex">The position of the operation after which the difference appeared.</param>
/// <param name="Step">The operation, as printed.</param>
/// <param name="What">What differed: the operation's result or the state read after it.</param>
/// <param name="Expected">What the reference returned.</param>
/// <param name="Actual">What the backend returned.</param>
public sealed record ModelFailure(int StepIndex, string Step, string What, string Expected, string Actual)
{
    /// <summary>Describes the difference, pointing at the first line that differs.</summary>
    /// <returns>The description.</returns>
    public string Describe()
    {
        var expectedLines = Expected.Split('\n');
        var actualLines = Actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        return $"""
            After operation {StepIndex + 1} ({Step}), {What} differs from the in-memory reference (first difference at line {line + 1}):
              reference: {Clip(line < expectedLines.Length ? expectedLines[line] : "<no more lines>")}
              backend:   {Clip(line < actualLines.Length ? actualLines[line] : "<no more lines>")}
            Whole reference result:
            {Indent(Expected)}
            Whole backend result:
            {Indent(Actual)}
            """;
    }

    private static string Clip(string text) => text.Length <= 2000 ? text : text[..2000] + " ...";

    private static string Indent(string text) => string.Join('\n', Clip(text).Split('\n').Take(60).Select(l => "    " + l));
}

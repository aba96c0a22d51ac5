namespace Checkpoint.Sqlite.Tests.Processes;

/// <summary>One line the writer printed after an operation returned: <c>ack|writes &lt;checkpoint id&gt; &lt;step&gt; .</c></summary>
/// <param name="Kind">"ack" for a put, "writes" for its pending write.</param>
/// <param name="CheckpointId">The checkpoint.</param>
/// <param name="Step">The writer's step.</param>
internal sealed record Acknowledgement(string Kind, string CheckpointId, int Step)
{
    /// <summary>Parses a complete acknowledgement line; a line cut short by the kill (no final ".") is not one.</summary>
    /// <param name="line">The line.</param>
    /// <returns>The acknowledgement, or <see langword="null"/>.</returns>
    public static Acknowledgement? Parse(string? line)
    {
        var parts = line?.Split(' ');
        return parts is [var kind and ("ack" or "writes"), var id, var step, "."] && int.TryParse(step, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? new Acknowledgement(kind, id, number)
            : null;
    }
}

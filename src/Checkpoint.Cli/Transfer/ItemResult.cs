using System.Text.Json.Nodes;

namespace Checkpoint.Cli.Transfer;

/// <summary>The outcome of moving store items.</summary>
internal sealed class ItemResult
{
    public int Copied { get; set; }

    public int AlreadyThere { get; set; }

    /// <summary>Gets the items that exist on the target with other content and were left alone.</summary>
    public List<string> Conflicts { get; } = [];

    /// <summary>Gets the items that differ on the target after writing.</summary>
    public List<string> Mismatches { get; } = [];

    /// <summary>Gets the checksum of the source's items.</summary>
    public string? Sha256 { get; set; }

    public int Total => Copied + AlreadyThere + Conflicts.Count;

    public JsonObject ToJson() => new()
    {
        ["items"] = Total,
        ["copied"] = Copied,
        ["already_there"] = AlreadyThere,
        ["conflicts"] = new JsonArray([.. Conflicts.Select(c => JsonValue.Create(c))]),
        ["mismatches"] = new JsonArray([.. Mismatches.Select(c => JsonValue.Create(c))]),
        ["sha256"] = Sha256,
    };
}

using System.Text.Json.Nodes;

namespace Checkpoint.Cli.Transfer;

/// <summary>One thread's outcome with the source's counts and checksum.</summary>
/// <param name="ThreadId">The thread.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Checkpoints">The source's checkpoint count.</param>
/// <param name="Writes">The source's pending-write count.</param>
/// <param name="Values">The source's distinct stored values.</param>
/// <param name="Sha256">The source's checksum.</param>
/// <param name="TargetSha256">The target's checksum after the copy.</param>
internal sealed record ThreadResult(string ThreadId, ThreadOutcome Outcome, int Checkpoints, int Writes, int Values, string Sha256, string? TargetSha256)
{
    /// <summary>Gets what went wrong, for a person, or <see langword="null"/>.</summary>
    public string? Problem => Outcome switch
    {
        ThreadOutcome.Conflict => $"thread '{ThreadId}' exists on the target with checkpoints the source does not have; it was not written (delete it there, or pass --overwrite to replace it).",
        ThreadOutcome.Mismatch => $"thread '{ThreadId}' differs on the target after writing (checksum {TargetSha256} instead of {Sha256}).",
        _ => null,
    };

    public JsonObject ToJson() => new()
    {
        ["thread_id"] = ThreadId,
        ["outcome"] = Outcome switch
        {
            ThreadOutcome.Copied => "copied",
            ThreadOutcome.AlreadyThere => "already-there",
            ThreadOutcome.Conflict => "conflict",
            _ => "mismatch",
        },
        ["checkpoints"] = Checkpoints,
        ["writes"] = Writes,
        ["values"] = Values,
        ["sha256"] = Sha256,
        ["target_sha256"] = TargetSha256,
    };
}

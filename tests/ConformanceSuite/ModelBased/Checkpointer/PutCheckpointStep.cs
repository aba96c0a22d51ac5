using System.Text.Json.Nodes;

namespace Checkpoint.ConformanceSuite;

/// <summary>Puts a checkpoint: its full channel state, the channels that changed (<c>newVersions</c>) and metadata.</summary>
/// <param name="Thread">The symbolic thread.</param>
/// <param name="CheckpointNs">The checkpoint namespace.</param>
/// <param name="Checkpoint">The checkpoint written.</param>
/// <param name="Parent">The parent, or <see langword="null"/>.</param>
/// <param name="Versions">The channel versions of the checkpoint.</param>
/// <param name="Values">The channel values passed (savers store only those named in <paramref name="NewVersions"/>).</param>
/// <param name="NewVersions">The channels to store values for.</param>
/// <param name="VersionsSeen">The versions seen per node.</param>
/// <param name="UpdatedChannels">The updated channels, or <see langword="null"/>.</param>
/// <param name="Metadata">The metadata template (see <see cref="CheckpointerRun.Resolve"/>).</param>
/// <param name="Ts">The timestamp text.</param>
/// <param name="FormatVersion">The checkpoint format version.</param>
public sealed record PutCheckpointStep(
    int Thread,
    string CheckpointNs,
    CheckpointRef Checkpoint,
    CheckpointRef? Parent,
    IReadOnlyDictionary<string, string> Versions,
    IReadOnlyDictionary<string, object?> Values,
    IReadOnlyDictionary<string, string> NewVersions,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> VersionsSeen,
    IReadOnlyList<string>? UpdatedChannels,
    JsonObject Metadata,
    string Ts,
    int FormatVersion) : CheckpointerStep
{
    /// <inheritdoc />
    public override async Task<string> ApplyAsync(SaverApi saver, CheckpointerRun run)
    {
        ArgumentNullException.ThrowIfNull(saver);
        ArgumentNullException.ThrowIfNull(run);
        var checkpoint = new GraphCheckpoint
        {
            V = FormatVersion,
            Id = Checkpoint.Id,
            Ts = Ts,
            ChannelValues = new(Values, StringComparer.Ordinal),
            ChannelVersions = new(Versions, StringComparer.Ordinal),
            VersionsSeen = VersionsSeen.ToDictionary(p => p.Key, p => new Dictionary<string, string>(p.Value, StringComparer.Ordinal), StringComparer.Ordinal),
            UpdatedChannels = UpdatedChannels is null ? null : [.. UpdatedChannels],
        };
        var stored = await saver.PutAsync(
            new RunConfig(run.Thread(Thread), CheckpointNs, Parent?.Id),
            checkpoint,
            new CheckpointMetadata(run.Resolve(Metadata)),
            new Dictionary<string, string>(NewVersions, StringComparer.Ordinal)).ConfigureAwait(false);
        return CheckpointerModel.Render(stored);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"put t{Thread} {Ns(CheckpointNs)} {Checkpoint} parent={Parent?.ToString() ?? "none"} v{FormatVersion} ts={Ts} " +
        $"versions={{{string.Join(", ", Versions.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}@{CheckpointerModel.ShortVersion(p.Value)}"))}}} " +
        $"new={{{string.Join(", ", NewVersions.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}@{CheckpointerModel.ShortVersion(p.Value)}={(Values.TryGetValue(p.Key, out var v) ? CheckpointerModel.Short(ModelCanonical.Value(v)) : "<no value>")}"))}}} " +
        $"metadata={ModelCanonical.Json(Metadata)}";
}

using System.Text.Json.Nodes;

namespace Checkpoint;

/// <summary>
/// The whole state of a graph after one step: LangGraph's <c>Checkpoint</c> (format v4).
/// </summary>
/// <remarks>
/// Savers treat everything but <see cref="ChannelValues"/> as an opaque skeleton that must round-trip
/// unchanged. Channel values are stored per channel and version, so a value is only written when its
/// channel appears in the <c>newVersions</c> passed to <see cref="BaseCheckpointSaver.Put"/>.
/// Named <c>GraphCheckpoint</c> rather than <c>Checkpoint</c> because <c>Checkpoint</c> is this library's
/// root namespace.
/// </remarks>
public sealed class GraphCheckpoint
{
    /// <summary>The checkpoint format version written by this library (LangGraph's <c>LATEST_VERSION</c>).</summary>
    public const int CurrentFormatVersion = 4;

    /// <summary>Gets or sets the format version (<c>v</c>).</summary>
    public int V { get; set; } = CurrentFormatVersion;

    /// <summary>Gets or sets the checkpoint identifier (<c>id</c>): a time-ordered UUID string, see <see cref="CheckpointId"/>.</summary>
    public required string Id { get; set; }

    /// <summary>Gets or sets the ISO-8601 UTC timestamp of the checkpoint (<c>ts</c>).</summary>
    public string Ts { get; set; } = string.Empty;

    /// <summary>Gets or sets the deserialized channel values (<c>channel_values</c>); channels with no value are absent.</summary>
    public Dictionary<string, object?> ChannelValues { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the current version of every channel (<c>channel_versions</c>).</summary>
    public Dictionary<string, string> ChannelVersions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets, per node, the channel versions that node has seen (<c>versions_seen</c>).</summary>
    public Dictionary<string, Dictionary<string, string>> VersionsSeen { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the sorted names of the channels updated in this step (<c>updated_channels</c>).</summary>
    public List<string>? UpdatedChannels { get; set; }

    /// <summary>
    /// Gets or sets fields this library does not model (for example a legacy <c>pending_sends</c>);
    /// they are stored and returned unchanged.
    /// </summary>
    public JsonObject? AdditionalFields { get; set; }

    /// <summary>Creates an empty checkpoint with a new identifier and the current time.</summary>
    /// <param name="step">The step the checkpoint belongs to; it becomes the UUID clock sequence.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <returns>A new checkpoint with no channels.</returns>
    public static GraphCheckpoint CreateEmpty(int step = -1, TimeProvider? timeProvider = null)
    {
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        return new GraphCheckpoint { Id = CheckpointId.Create(step, now), Ts = FormatTimestamp(now) };
    }

    /// <summary>Formats a timestamp the way checkpoints store it (ISO-8601, UTC, microseconds).</summary>
    /// <param name="timestamp">The timestamp.</param>
    /// <returns>The formatted timestamp, for example <c>2026-11-23T19:38:17.123456+00:00</c>.</returns>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses <see cref="Ts"/>.</summary>
    /// <returns>The timestamp, or <see langword="null"/> when <see cref="Ts"/> is empty or not a timestamp.</returns>
    public DateTimeOffset? TryGetTimestamp() =>
        DateTimeOffset.TryParse(Ts, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;

    /// <summary>Creates a copy whose dictionaries can be changed without affecting this instance.</summary>
    /// <param name="includeChannelValues">Whether to copy <see cref="ChannelValues"/> (the values themselves are shared).</param>
    /// <returns>The copy.</returns>
    public GraphCheckpoint Clone(bool includeChannelValues = true) => new()
    {
        V = V,
        Id = Id,
        Ts = Ts,
        ChannelValues = includeChannelValues ? new(ChannelValues, StringComparer.Ordinal) : new(StringComparer.Ordinal),
        ChannelVersions = new(ChannelVersions, StringComparer.Ordinal),
        VersionsSeen = VersionsSeen.ToDictionary(p => p.Key, p => new Dictionary<string, string>(p.Value, StringComparer.Ordinal), StringComparer.Ordinal),
        UpdatedChannels = UpdatedChannels is null ? null : [.. UpdatedChannels],
        AdditionalFields = AdditionalFields?.DeepClone().AsObject(),
    };

    /// <inheritdoc />
    public override string ToString() => $"Checkpoint {Id} (v{V}, {ChannelVersions.Count} channels)";
}

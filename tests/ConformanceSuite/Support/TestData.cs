using System.Text.Json.Nodes;

namespace Checkpoint.ConformanceSuite;

/// <summary>Builders for the checkpoints, metadata and configs the kit writes (shaped like LangGraph's conformance fixtures).</summary>
public static class TestData
{
    /// <summary>Creates a config.</summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="checkpointNs">The namespace.</param>
    /// <param name="checkpointId">The checkpoint id (the parent, for a put).</param>
    /// <returns>The config.</returns>
    public static RunConfig Config(string threadId, string? checkpointNs = "", string? checkpointId = null) => new(threadId, checkpointNs, checkpointId);

    /// <summary>Creates a checkpoint with a new time-ordered id.</summary>
    /// <param name="values">Channel values; each gets version <c>"1"</c> unless <paramref name="versions"/> is given.</param>
    /// <param name="versions">Channel versions.</param>
    /// <param name="versionsSeen">Versions seen per node.</param>
    /// <param name="formatVersion">The format version <c>v</c>.</param>
    /// <returns>The checkpoint.</returns>
    public static GraphCheckpoint Checkpoint(
        IReadOnlyDictionary<string, object?>? values = null,
        IReadOnlyDictionary<string, string>? versions = null,
        Dictionary<string, Dictionary<string, string>>? versionsSeen = null,
        int formatVersion = GraphCheckpoint.CurrentFormatVersion)
    {
        var checkpoint = GraphCheckpoint.CreateEmpty();
        checkpoint.V = formatVersion;
        foreach (var (channel, value) in values ?? new Dictionary<string, object?>())
        {
            checkpoint.ChannelValues[channel] = value;
        }

        foreach (var (channel, version) in versions ?? (values ?? new Dictionary<string, object?>()).ToDictionary(v => v.Key, _ => "1"))
        {
            checkpoint.ChannelVersions[channel] = version;
        }

        checkpoint.VersionsSeen = versionsSeen ?? new Dictionary<string, Dictionary<string, string>>();
        return checkpoint;
    }

    /// <summary>Creates metadata like LangGraph's conformance fixtures: <c>{"source", "step", "parents": {}}</c> plus extra keys.</summary>
    /// <param name="source">The source.</param>
    /// <param name="step">The step.</param>
    /// <param name="extra">Extra top-level keys.</param>
    /// <returns>The metadata.</returns>
    public static CheckpointMetadata Metadata(string source = CheckpointSource.Loop, int step = 0, IReadOnlyDictionary<string, JsonNode?>? extra = null)
    {
        var metadata = CheckpointMetadata.Create(source, step);
        foreach (var (key, value) in extra ?? new Dictionary<string, JsonNode?>())
        {
            metadata[key] = value?.DeepClone();
        }

        return metadata;
    }

    /// <summary>Returns the versions of every channel of <paramref name="checkpoint"/>, as new versions for a put.</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <returns>The versions.</returns>
    public static Dictionary<string, string> AllVersions(GraphCheckpoint checkpoint) => new(checkpoint.ChannelVersions, StringComparer.Ordinal);

    /// <summary>Returns no new versions.</summary>
    /// <returns>An empty map.</returns>
    public static Dictionary<string, string> NoVersions() => new(StringComparer.Ordinal);

    /// <summary>Puts a chain of <paramref name="count"/> checkpoints on one thread and namespace, each the parent of the next.</summary>
    /// <param name="saver">The saver.</param>
    /// <param name="threadId">The thread.</param>
    /// <param name="count">How many checkpoints.</param>
    /// <param name="checkpointNs">The namespace.</param>
    /// <param name="metadata">Metadata per step; <see cref="Metadata"/> with that step when <see langword="null"/>.</param>
    /// <param name="values">Channel values per step, each written at version <c>step + 1</c>; none when <see langword="null"/>.</param>
    /// <returns>The configs returned by each put, oldest first.</returns>
    public static async Task<List<RunConfig>> PutChainAsync(
        SaverApi saver,
        string threadId,
        int count,
        string checkpointNs = "",
        Func<int, CheckpointMetadata>? metadata = null,
        Func<int, IReadOnlyDictionary<string, object?>>? values = null)
    {
        ArgumentNullException.ThrowIfNull(saver);
        var configs = new List<RunConfig>();
        RunConfig? parent = null;
        for (var step = 0; step < count; step++)
        {
            // Each step gets a new version of its channels: blobs are immutable per version, so reusing "1" would
            // silently keep the first step's values.
            var stepValues = values?.Invoke(step);
            var version = (step + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var checkpoint = Checkpoint(stepValues, stepValues?.ToDictionary(v => v.Key, _ => version));
            var stored = await saver.PutAsync(
                Config(threadId, checkpointNs, parent?.CheckpointId),
                checkpoint,
                metadata?.Invoke(step) ?? Metadata(step: step),
                AllVersions(checkpoint)).ConfigureAwait(false);
            configs.Add(stored);
            parent = stored;
        }

        return configs;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint;

/// <summary>
/// The metadata of a checkpoint: a JSON object with typed accessors for the keys LangGraph writes
/// (<c>source</c>, <c>step</c>, <c>parents</c>, <c>run_id</c>) and room for any user key.
/// </summary>
/// <remarks>
/// Metadata is stored as JSON so that <see cref="CheckpointListOptions.Filter"/> can match its top-level keys.
/// Two instances are equal when their JSON is deeply equal.
/// </remarks>
public sealed class CheckpointMetadata : IEquatable<CheckpointMetadata>
{
    private const string SourceKey = "source";
    private const string StepKey = "step";
    private const string ParentsKey = "parents";
    private const string RunIdKey = "run_id";

    /// <summary>Initializes empty metadata.</summary>
    public CheckpointMetadata()
        : this(new JsonObject())
    {
    }

    /// <summary>Initializes metadata over the given JSON object (not copied).</summary>
    /// <param name="values">The JSON object.</param>
    public CheckpointMetadata(JsonObject values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
    }

    /// <summary>Gets the underlying JSON object.</summary>
    public JsonObject Values { get; }

    /// <summary>Gets or sets how the checkpoint was created; see <see cref="CheckpointSource"/>.</summary>
    public string? Source
    {
        get => Values[SourceKey] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        set => Values[SourceKey] = value;
    }

    /// <summary>Gets or sets the step number: -1 for the first input checkpoint, 0 for the first loop checkpoint.</summary>
    public int? Step
    {
        get => Values[StepKey] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
        set => Values[StepKey] = value;
    }

    /// <summary>Gets or sets the identifier of the run that produced the checkpoint (<c>run_id</c>).</summary>
    public string? RunId
    {
        get => Values[RunIdKey] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        set => Values[RunIdKey] = value;
    }

    /// <summary>Gets or sets the checkpoint of each parent graph, keyed by the parent's namespace (<c>parents</c>).</summary>
    public IReadOnlyDictionary<string, string> Parents
    {
        get
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Values[ParentsKey] is JsonObject parents)
            {
                foreach (var (ns, id) in parents)
                {
                    if (id is JsonValue value && value.TryGetValue<string>(out var s))
                    {
                        result[ns] = s;
                    }
                }
            }

            return result;
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            var parents = new JsonObject();
            foreach (var (ns, id) in value)
            {
                parents[ns] = id;
            }

            Values[ParentsKey] = parents;
        }
    }

    /// <summary>Gets or sets a metadata value by key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or <see langword="null"/> when absent.</returns>
    public JsonNode? this[string key]
    {
        get => Values[key];
        set => Values[key] = value;
    }

    /// <summary>Creates the metadata LangGraph writes for a step.</summary>
    /// <param name="source">The source, see <see cref="CheckpointSource"/>.</param>
    /// <param name="step">The step.</param>
    /// <param name="parents">The parent checkpoints, by namespace; empty when <see langword="null"/>.</param>
    /// <returns>The metadata.</returns>
    public static CheckpointMetadata Create(string source, int step, IReadOnlyDictionary<string, string>? parents = null) =>
        new() { Source = source, Step = step, Parents = parents ?? new Dictionary<string, string>() };

    /// <summary>Parses metadata from JSON text.</summary>
    /// <param name="json">A JSON object.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public static CheckpointMetadata Parse(string json) =>
        new(JsonNode.Parse(json) as JsonObject ?? throw new JsonException("Checkpoint metadata must be a JSON object."));

    /// <summary>Parses metadata from UTF-8 JSON.</summary>
    /// <param name="utf8Json">A UTF-8 encoded JSON object.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="JsonException">The bytes are not a JSON object.</exception>
    public static CheckpointMetadata Parse(ReadOnlySpan<byte> utf8Json) =>
        new(JsonNode.Parse(utf8Json) as JsonObject ?? throw new JsonException("Checkpoint metadata must be a JSON object."));

    /// <summary>Creates a deep copy.</summary>
    /// <returns>The copy.</returns>
    public CheckpointMetadata Clone() => new(Values.DeepClone().AsObject());

    /// <summary>Serializes the metadata to compact JSON text.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJsonString() => Values.ToJsonString();

    /// <summary>Serializes the metadata to compact UTF-8 JSON.</summary>
    /// <returns>The JSON bytes.</returns>
    public byte[] ToUtf8Bytes() => JsonSerializer.SerializeToUtf8Bytes(Values);

    /// <inheritdoc />
    public bool Equals(CheckpointMetadata? other) => other is not null && JsonNode.DeepEquals(Values, other.Values);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CheckpointMetadata other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Values.Count;

    /// <inheritdoc />
    public override string ToString() => ToJsonString();
}

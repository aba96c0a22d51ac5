using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Checkpoint.Providers;

namespace Checkpoint.Cli.Transfer;

/// <summary>
/// The export file: JSON lines, one record per line, each with a <c>type</c>. A header; per thread a <c>thread</c> line,
/// its stored values (<c>blob</c>, each once, before the first checkpoint that refers to it) and checkpoints (newest
/// first, with their pending writes), and a <c>thread_end</c> line with counts and a checksum; then the store's
/// <c>item</c> lines and a <c>store_end</c> line; then <c>end</c>. Value bytes are base64, so every byte survives.
/// </summary>
internal static class ExportFormat
{
    public const string Name = "checkpoint-export";
    public const int Version = 1;

    public static JsonObject Header(string source, IReadOnlyList<string>? threads, bool store) => new()
    {
        ["type"] = "header",
        ["format"] = Name,
        ["version"] = Version,
        ["created_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["source"] = source,
        ["threads"] = threads is null ? null : new JsonArray([.. threads.Select(t => JsonValue.Create(t))]),
        ["store"] = store,
    };

    public static JsonObject Thread(string threadId) => new() { ["type"] = "thread", ["thread_id"] = threadId };

    public static JsonObject Blob(string ns, SerializedBlob blob) => new()
    {
        ["type"] = "blob",
        ["ns"] = ns,
        ["channel"] = blob.Channel,
        ["version"] = blob.Version,
        ["value_type"] = blob.Value.Type,
        ["data"] = Convert.ToBase64String(blob.Value.Data ?? []),
    };

    public static JsonObject Checkpoint(RawCheckpoint checkpoint) => new()
    {
        ["type"] = "checkpoint",
        ["ns"] = checkpoint.CheckpointNs,
        ["checkpoint_id"] = checkpoint.CheckpointId,
        ["parent_checkpoint_id"] = checkpoint.ParentCheckpointId,
        ["checkpoint"] = CheckpointJson.ToJsonObject(checkpoint.Checkpoint),
        ["metadata"] = checkpoint.Metadata.Values.DeepClone(),
        ["writes"] = new JsonArray([.. checkpoint.Writes.Select(w => (JsonNode)new JsonObject
        {
            ["task_id"] = w.TaskId,
            ["task_path"] = w.TaskPath,
            ["idx"] = w.Index,
            ["channel"] = w.Channel,
            ["value_type"] = w.Value.Type,
            ["data"] = Convert.ToBase64String(w.Value.Data ?? []),
        })]),
    };

    public static JsonObject ThreadEnd(string threadId, ThreadDigest digest)
    {
        var line = digest.ToJson();
        line["type"] = "thread_end";
        line["thread_id"] = threadId;
        return line;
    }

    public static JsonObject Item(RawItem item) => new()
    {
        ["type"] = "item",
        ["namespace"] = new JsonArray([.. item.Namespace.Select(l => JsonValue.Create(l))]),
        ["key"] = item.Key,
        ["value"] = item.Value.DeepClone(),
        ["created_at"] = item.CreatedAt.ToUnixTimeMilliseconds(),
        ["updated_at"] = item.UpdatedAt.ToUnixTimeMilliseconds(),
        ["expires_at"] = item.ExpiresAt?.ToUnixTimeMilliseconds(),
        ["ttl_ms"] = item.Ttl is { } ttl ? (long)ttl.TotalMilliseconds : null,
        ["embeddings"] = new JsonArray([.. item.Embeddings.Select(e => (JsonNode)new JsonObject
        {
            ["field"] = e.Field,
            ["vector"] = Convert.ToBase64String(MemoryMarshal.AsBytes(e.Vector.AsSpan())),
        })]),
    };

    public static JsonObject StoreEnd(int items, string sha256) => new() { ["type"] = "store_end", ["items"] = items, ["sha256"] = sha256 };

    public static JsonObject End(int threads, int items) => new() { ["type"] = "end", ["threads"] = threads, ["items"] = items };

    public static string TypeOf(JsonObject line) => line["type"]?.GetValue<string>() ?? throw new FormatException("a line has no \"type\".");

    public static SerializedBlob ParseBlob(JsonObject line) =>
        new(Text(line, "channel"), Text(line, "version"), new SerializedValue(Text(line, "value_type"), Convert.FromBase64String(Text(line, "data"))));

    public static string BlobNamespace(JsonObject line) => Text(line, "ns");

    public static RawCheckpoint ParseCheckpoint(string threadId, JsonObject line, IReadOnlyList<SerializedBlob> blobs)
    {
        var checkpoint = CheckpointJson.FromJsonObject(line["checkpoint"]?.AsObject() ?? throw new FormatException("a checkpoint line has no \"checkpoint\"."));
        var metadata = new CheckpointMetadata((line["metadata"]?.DeepClone() as JsonObject) ?? throw new FormatException("a checkpoint line has no \"metadata\"."));
        var writes = (line["writes"]?.AsArray() ?? []).Select(w => new SerializedWrite(
            Text(w!.AsObject(), "task_id"),
            Text(w.AsObject(), "task_path"),
            w["idx"]!.GetValue<int>(),
            Text(w.AsObject(), "channel"),
            new SerializedValue(Text(w.AsObject(), "value_type"), Convert.FromBase64String(Text(w.AsObject(), "data"))))).ToList();
        return new RawCheckpoint(threadId, Text(line, "ns"), line["parent_checkpoint_id"]?.GetValue<string>(), checkpoint, metadata, blobs, writes);
    }

    public static RawItem ParseItem(JsonObject line)
    {
        var labels = (line["namespace"]?.AsArray() ?? throw new FormatException("an item line has no \"namespace\".")).Select(l => l!.GetValue<string>()).ToArray();
        var embeddings = (line["embeddings"]?.AsArray() ?? []).Select(e => new FieldEmbedding(
            Text(e!.AsObject(), "field"),
            MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(Text(e.AsObject(), "vector"))).ToArray())).ToList();
        return new RawItem(
            new StoreNamespace(labels),
            Text(line, "key"),
            (line["value"]?.DeepClone() as JsonObject) ?? throw new FormatException("an item line has no object \"value\"."),
            DateTimeOffset.FromUnixTimeMilliseconds(line["created_at"]!.GetValue<long>()),
            DateTimeOffset.FromUnixTimeMilliseconds(line["updated_at"]!.GetValue<long>()),
            line["expires_at"] is { } expires ? DateTimeOffset.FromUnixTimeMilliseconds(expires.GetValue<long>()) : null,
            line["ttl_ms"] is { } ttl ? TimeSpan.FromMilliseconds(ttl.GetValue<long>()) : null,
            embeddings);
    }

    public static string Text(JsonObject line, string name) =>
        line[name]?.GetValue<string>() ?? throw new FormatException($"a {line["type"]} line has no \"{name}\".");
}

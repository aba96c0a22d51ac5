using System.Text.Json.Nodes;
using Checkpoint.Providers;

namespace Checkpoint.Cli.Tests.Support;

/// <summary>
/// Everything a database returns about its threads and items, in a form two databases can be compared by: what the
/// application reads back (values deserialized with its own serializer, then serialized again), and what is stored
/// (write indexes, value bytes, item times, expiry and embeddings).
/// </summary>
public static class Snapshot
{
    /// <summary>Describes one thread through the public API and in its stored form.</summary>
    public static async Task<List<string>> OfThreadAsync(BaseCheckpointSaver saver, string threadId)
    {
        var lines = new List<string>();
        await foreach (var tuple in saver.ListAsync(new RunConfig(threadId, null)))
        {
            var checkpoint = tuple.Checkpoint.Clone(includeChannelValues: false);
            lines.Add($"checkpoint {tuple.Config.CheckpointNs}/{tuple.Config.CheckpointId} parent {tuple.ParentConfig?.CheckpointId}");
            lines.Add("  json " + Canonical(CheckpointJson.ToJsonObject(checkpoint)));
            lines.Add("  metadata " + Canonical(tuple.Metadata.Values));
            foreach (var (channel, value) in tuple.Checkpoint.ChannelValues.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                lines.Add($"  value {channel} = {Describe(value)}");
            }

            foreach (var write in tuple.PendingWrites)
            {
                lines.Add($"  write {write.TaskId} [{write.TaskPath}] {write.Channel} = {Describe(write.Value)}");
            }
        }

        await foreach (var raw in saver.ListRawAsync(new RunConfig(threadId, null)))
        {
            lines.Add($"stored {raw.CheckpointNs}/{raw.CheckpointId} missing [{string.Join(",", raw.MissingBlobs)}]");
            foreach (var blob in raw.Blobs.OrderBy(b => b.Channel, StringComparer.Ordinal))
            {
                lines.Add($"  blob {blob.Channel}@{blob.Version} {blob.Value.Type} {Convert.ToBase64String(blob.Value.Data ?? [])}");
            }

            foreach (var write in raw.Writes)
            {
                lines.Add($"  write {write.TaskId} #{write.Index} {write.Channel} {write.Value.Type} {Convert.ToBase64String(write.Value.Data ?? [])}");
            }
        }

        return lines;
    }

    /// <summary>Describes every item of a store in its stored form.</summary>
    public static async Task<List<string>> OfStoreAsync(BaseStore store)
    {
        var items = await store.ListRawItemsAsync().ToListAsync();
        return [.. items
            .OrderBy(i => i.Namespace.Path, StringComparer.Ordinal).ThenBy(i => i.Key, StringComparer.Ordinal)
            .Select(i => $"{i.Namespace} {i.Key} {Canonical(i.Value)} created {i.CreatedAt:O} updated {i.UpdatedAt:O} expires {i.ExpiresAt:O} ttl {i.Ttl} "
                + string.Join(";", i.Embeddings.OrderBy(e => e.Field, StringComparer.Ordinal).Select(e => $"{e.Field}=[{string.Join(",", e.Vector)}]")))];
    }

    private static string Describe(object? value) =>
        Convert.ToBase64String(TestSerializers.Plain.Serialize(value).Data) + " " + TestSerializers.Plain.Serialize(value).Type;

    // Key order differs between databases (PostgreSQL's jsonb sorts keys); the content must not.
    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\"{p.Key}\":{Canonical(p.Value)}")) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}

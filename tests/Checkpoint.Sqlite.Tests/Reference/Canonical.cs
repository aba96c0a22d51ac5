using System.Text;
using System.Text.Json;
using Checkpoint.Providers;

namespace Checkpoint.Sqlite.Tests.Reference;

/// <summary>Renders results as text so two implementations can be compared with one string equality and a readable diff.</summary>
internal static class Canonical
{
    public static string Of(CheckpointTuple? tuple)
    {
        if (tuple is null)
        {
            return "null";
        }

        var text = new StringBuilder();
        text.Append($"config={Of(tuple.Config)} parent={Of(tuple.ParentConfig)} metadata={tuple.Metadata.ToJsonString()}\n");
        text.Append($"  checkpoint={CheckpointJson.Serialize(tuple.Checkpoint)}\n");
        foreach (var (channel, value) in tuple.Checkpoint.ChannelValues.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append($"  value {channel}={Value(value)}\n");
        }

        foreach (var write in tuple.PendingWrites)
        {
            text.Append($"  write {write.TaskId}/{write.Channel}/{write.TaskPath}={Value(write.Value)}\n");
        }

        return text.ToString();
    }

    public static string Of(IEnumerable<CheckpointTuple> tuples) => string.Join("---\n", tuples.Select(Of));

    public static string Of(RunConfig? config) => config is null ? "null" : $"({config.ThreadId}|{config.CheckpointNs}|{config.CheckpointId})";

    public static string Of(IEnumerable<ThreadInfo> threads) => string.Join(", ", threads.Select(t => $"{t.ThreadId}@{t.LatestCheckpointId}"));

    public static string Of(object? storeResult) => storeResult switch
    {
        null => "null",
        SearchItem item => $"{Item(item)} score={item.Score?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "null"}",
        Item item => Item(item),
        IEnumerable<SearchItem> items => "[" + string.Join("; ", items.Select(Of)) + "]",
        IEnumerable<StoreNamespace> namespaces => "[" + string.Join("; ", namespaces.Select(n => n.ToString())) + "]",
        _ => storeResult.ToString() ?? string.Empty,
    };

    private static string Item(Item item) =>
        $"{item.Namespace}/{item.Key}={item.Value.ToJsonString()} created={item.CreatedAt.ToUnixTimeMilliseconds()} updated={item.UpdatedAt.ToUnixTimeMilliseconds()}";

    private static string Value(object? value) =>
        value is null ? "null" : $"{value.GetType().Name}:{JsonSerializer.Serialize(value, value.GetType(), JsonCheckpointSerializer.DefaultJsonSerializerOptions)}";
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Sqlite.Internal;

/// <summary>
/// JSON text for list parameters read by SQLite's <c>json_each</c>. Non-ASCII characters are written as themselves
/// (not escaped) so SQLite compares exactly the strings .NET holds.
/// </summary>
internal static class SqlJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Array(IEnumerable<string> values) => JsonSerializer.Serialize(values, Options);

    public static string Tuples(IEnumerable<string[]> rows) => JsonSerializer.Serialize(rows, Options);

    public static string Object(IReadOnlyDictionary<string, JsonNode?> values)
    {
        var json = new JsonObject();
        foreach (var (key, value) in values)
        {
            json[key] = value?.DeepClone();
        }

        return json.ToJsonString(Options);
    }
}

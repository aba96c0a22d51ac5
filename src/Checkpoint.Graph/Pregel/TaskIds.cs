using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Checkpoint.Graph.Pregel;

/// <summary>
/// Deterministic task ids. A task re-created from the same checkpoint, step, node and triggers gets the same id, which is
/// how a resumed run finds the pending writes of the tasks that already finished.
/// </summary>
internal static class TaskIds
{
    public static string ForNode(string checkpointId, string ns, int step, string node, IReadOnlyList<string> triggers) =>
        Hash(checkpointId, ns, step.ToString(CultureInfo.InvariantCulture), node, Reserved.PullPath, string.Join(',', triggers));

    public static string ForCall(string parentTaskId, string name, int index) =>
        Hash(parentTaskId, Reserved.PushPath, name, index.ToString(CultureInfo.InvariantCulture));

    public static string NodePath(string node) => $"~{Reserved.PullPath}, {node}";

    public static string CallPath(string parentPath, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"~{Reserved.PushPath}, {parentPath}, {index:D10}");

    // A name-based UUID (version 8 layout) over the parts, NUL-separated so no two part lists collide.
    private static string Hash(params string[] parts)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', parts)), digest);
        var bytes = digest[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return Convert.ToHexStringLower(bytes).Insert(20, "-").Insert(16, "-").Insert(12, "-").Insert(8, "-");
    }
}

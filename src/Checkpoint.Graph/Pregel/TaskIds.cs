using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Checkpoint.Graph.Pregel;

/// <summary>
/// Deterministic task and interrupt ids. A task re-created from the same checkpoint, step, node and triggers (or send
/// index) gets the same id, which is how a resumed run finds the pending writes of the tasks that already finished and
/// the answers to the interrupts its tasks raised.
/// </summary>
internal static class TaskIds
{
    public static string ForNode(string checkpointId, string ns, int step, string node, IReadOnlyList<string> triggers) =>
        Uuid(checkpointId, ns, step.ToString(CultureInfo.InvariantCulture), node, Reserved.PullPath, string.Join(',', triggers));

    public static string ForSend(string checkpointId, string ns, int step, string node, int index) =>
        Uuid(checkpointId, ns, step.ToString(CultureInfo.InvariantCulture), node, Reserved.PushPath, index.ToString(CultureInfo.InvariantCulture));

    public static string ForCall(string parentTaskId, string name, int index) =>
        Uuid(parentTaskId, Reserved.PushPath, name, index.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The id of the <paramref name="index"/>-th <c>Interrupt</c> call of the task with namespace <paramref name="taskNamespace"/>:
    /// 32 hex characters like LangGraph's, but distinct for every call of a task, so each can be answered on its own.
    /// </summary>
    public static string ForInterrupt(string taskNamespace, int index) =>
        Convert.ToHexStringLower(Digest(index == 0 ? [taskNamespace] : [taskNamespace, index.ToString(CultureInfo.InvariantCulture)]));

    /// <summary>The namespace of a task: its graph's namespace, then <c>node:taskId</c>.</summary>
    public static string TaskNamespace(string graphNamespace, string node, string taskId) =>
        (graphNamespace.Length == 0 ? string.Empty : graphNamespace + Reserved.NamespaceSeparator) + node + Reserved.NamespaceEnd + taskId;

    public static string NodePath(string node) => $"~{Reserved.PullPath}, {node}";

    public static string SendPath(int index) => string.Create(CultureInfo.InvariantCulture, $"~{Reserved.PushPath}, {index:D10}");

    public static string CallPath(string parentPath, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"~{Reserved.PushPath}, {parentPath}, {index:D10}");

    // A name-based UUID (version 8 layout) over the parts.
    private static string Uuid(params string[] parts)
    {
        var bytes = Digest(parts);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return Convert.ToHexStringLower(bytes).Insert(20, "-").Insert(16, "-").Insert(12, "-").Insert(8, "-");
    }

    // The first 16 bytes of SHA-256 over the parts, NUL-separated so no two part lists collide.
    private static byte[] Digest(string[] parts) => SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', parts)))[..16];
}

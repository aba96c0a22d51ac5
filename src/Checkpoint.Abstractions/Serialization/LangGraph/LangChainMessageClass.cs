using Microsoft.Extensions.AI;

namespace Checkpoint.Serialization.LangGraph;

/// <summary>
/// One allow-listed LangChain message class: its name, the Python module that defines it, the <c>type</c> field LangChain
/// Python gives it, and the chat role it maps to.
/// </summary>
/// <param name="Name">The class name, for example <c>AIMessage</c>.</param>
/// <param name="PythonModule">The Python module, for example <c>langchain_core.messages.ai</c>.</param>
/// <param name="PythonType">The value of the <c>type</c> field, for example <c>ai</c>.</param>
/// <param name="Role">The role of the .NET message; <see langword="null"/> for <c>ChatMessage</c>, whose role is a field.</param>
internal sealed record LangChainMessageClass(string Name, string PythonModule, string PythonType, ChatRole? Role)
{
    /// <summary>The role of <c>RemoveMessage</c> (the graph runtime's removal marker).</summary>
    public static readonly ChatRole RemoveRole = new("remove");

    /// <summary>The role of <c>FunctionMessage</c>.</summary>
    public static readonly ChatRole FunctionRole = new("function");

    private static readonly Dictionary<string, LangChainMessageClass> ByName = Create();

    private static readonly string[] BaseFields = ["content", "additional_kwargs", "response_metadata", "type", "name", "id"];

    /// <summary>Gets whether this is a streaming chunk class.</summary>
    public bool IsChunk => Name.EndsWith("Chunk", StringComparison.Ordinal);

    /// <summary>
    /// Gets the fields of the class in the order pydantic's <c>model_dump()</c> gives them in langchain-core 1.x:
    /// <c>BaseMessage</c>'s, then the class's own.
    /// </summary>
    public IReadOnlyList<string> PythonFields => PythonType switch
    {
        "ai" => [.. BaseFields, "tool_calls", "invalid_tool_calls", "usage_metadata"],
        "AIMessageChunk" => [.. BaseFields, "tool_calls", "invalid_tool_calls", "usage_metadata", "tool_call_chunks", "chunk_position"],
        "tool" or "ToolMessageChunk" => [.. BaseFields, "tool_call_id", "artifact", "status"],
        "chat" or "ChatMessageChunk" => [.. BaseFields, "role"],
        _ => BaseFields,
    };

    /// <summary>Gets the plain (non-chunk) class written for a role, when the message carries no class of its own.</summary>
    public static LangChainMessageClass ForRole(ChatRole role)
    {
        if (role == ChatRole.User)
        {
            return ByName["HumanMessage"];
        }

        if (role == ChatRole.Assistant)
        {
            return ByName["AIMessage"];
        }

        if (role == ChatRole.System)
        {
            return ByName["SystemMessage"];
        }

        if (role == ChatRole.Tool)
        {
            return ByName["ToolMessage"];
        }

        if (role == FunctionRole)
        {
            return ByName["FunctionMessage"];
        }

        return role == RemoveRole ? ByName["RemoveMessage"] : ByName["ChatMessage"];
    }

    /// <summary>Looks up an allow-listed class by name; any other name is not a message.</summary>
    public static LangChainMessageClass? Find(string? name) => name is not null && ByName.TryGetValue(name, out var found) ? found : null;

    /// <summary>Looks up an allow-listed class by Python module and name; both must match.</summary>
    public static LangChainMessageClass? Find(string? module, string? name) =>
        Find(name) is { } found && found.PythonModule == module ? found : null;

    private static Dictionary<string, LangChainMessageClass> Create()
    {
        var classes = new List<LangChainMessageClass>
        {
            new("HumanMessage", "langchain_core.messages.human", "human", ChatRole.User),
            new("AIMessage", "langchain_core.messages.ai", "ai", ChatRole.Assistant),
            new("SystemMessage", "langchain_core.messages.system", "system", ChatRole.System),
            new("ToolMessage", "langchain_core.messages.tool", "tool", ChatRole.Tool),
            new("ChatMessage", "langchain_core.messages.chat", "chat", null),
            new("FunctionMessage", "langchain_core.messages.function", "function", FunctionRole),
            new("RemoveMessage", "langchain_core.messages.modifier", "remove", RemoveRole),
        };
        foreach (var plain in classes.ToList())
        {
            if (plain.Name != "RemoveMessage")
            {
                var chunk = plain.Name + "Chunk";
                classes.Add(plain with { Name = chunk, PythonType = chunk });
            }
        }

        return classes.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }
}

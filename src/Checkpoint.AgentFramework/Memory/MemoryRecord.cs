using System.Text.Json.Nodes;

namespace Checkpoint.AgentFramework;

/// <summary>A memory to store: its text (what is embedded and searched) and optional extra fields.</summary>
/// <param name="Text">The memory, e.g. "The user's name is Bob."; never empty.</param>
/// <param name="Key">
/// The item key; a new time-ordered id when <see langword="null"/>. Giving a key (e.g. <c>"name"</c>) makes the memory
/// replace the one stored before under that key instead of adding another.
/// </param>
/// <param name="Properties">Extra fields stored with the text (not embedded), e.g. a category or a source message id.</param>
public sealed record MemoryRecord(string Text, string? Key = null, JsonObject? Properties = null);

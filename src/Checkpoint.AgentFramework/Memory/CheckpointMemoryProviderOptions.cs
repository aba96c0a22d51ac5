using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace Checkpoint.AgentFramework;

/// <summary>Options of <see cref="CheckpointMemoryProvider"/>.</summary>
public sealed class CheckpointMemoryProviderOptions
{
    /// <summary>Gets or sets the namespace labels before the scope (default <c>memories</c>).</summary>
    public IReadOnlyList<string> NamespacePrefix { get; set; } = ["memories"];

    /// <summary>Gets or sets when memories are searched (default <see cref="MemorySearchBehavior.BeforeRun"/>).</summary>
    public MemorySearchBehavior SearchBehavior { get; set; } = MemorySearchBehavior.BeforeRun;

    /// <summary>Gets or sets how many memories a search returns (default 3).</summary>
    public int MaxResults { get; set; } = 3;

    /// <summary>Gets or sets the lowest similarity score a memory needs to be returned; <see langword="null"/> (the default) returns the best matches whatever their score.</summary>
    public double? MinScore { get; set; }

    /// <summary>Gets or sets the text put before the memories injected into a run's instructions.</summary>
    public string ContextPrompt { get; set; } = "## Memories\nConsider the following memories when answering the user:";

    /// <summary>Gets or sets the name of the search function (<see cref="MemorySearchBehavior.OnDemandFunction"/>).</summary>
    public string FunctionName { get; set; } = "search_memories";

    /// <summary>Gets or sets the description of the search function the model sees.</summary>
    public string FunctionDescription { get; set; } = "Searches what is remembered about the user from earlier conversations. Pass a short natural-language query.";

    /// <summary>
    /// Gets or sets what to remember after a run. The default stores the text of each user message of the run (after the
    /// store-input filter) as one memory; return an empty list to store nothing. Typical extractors call a model to
    /// distil facts, or pick messages by rule.
    /// </summary>
    public Func<MemoryExtractionContext, CancellationToken, ValueTask<IReadOnlyList<MemoryRecord>>>? Extractor { get; set; }

    /// <summary>Gets or sets the time to live of stored memories; the store's default when <see langword="null"/>.</summary>
    public TimeSpan? Ttl { get; set; }

    /// <summary>
    /// Gets or sets whether a failed search or store fails the run. The default, <see langword="false"/>, logs the error and
    /// lets the run go on without memories, as Agent Framework's own memory provider does.
    /// </summary>
    public bool ThrowOnError { get; set; }

    /// <summary>Gets or sets the key of the provider's state in the session's state bag; the provider's type name by default.</summary>
    public string? StateKey { get; set; }

    /// <summary>Gets or sets a filter choosing which request messages form the search query; Agent Framework's default keeps the caller's messages.</summary>
    public Func<IEnumerable<ChatMessage>, IEnumerable<ChatMessage>>? SearchInputMessageFilter { get; set; }

    /// <summary>Gets or sets a filter choosing which request messages the extractor sees; Agent Framework's default keeps the caller's messages.</summary>
    public Func<IEnumerable<ChatMessage>, IEnumerable<ChatMessage>>? StoreInputRequestMessageFilter { get; set; }

    /// <summary>Gets or sets a filter choosing which response messages the extractor sees; all by default.</summary>
    public Func<IEnumerable<ChatMessage>, IEnumerable<ChatMessage>>? StoreInputResponseMessageFilter { get; set; }
}

using System.Text.Json.Serialization;

namespace Checkpoint.AgentFramework;

/// <summary>What <see cref="CheckpointMemoryProvider"/> keeps in an agent session: where it stores and searches memories.</summary>
public sealed class CheckpointMemoryState
{
    /// <summary>Initializes the state.</summary>
    /// <param name="storageScope">Where new memories of the session go.</param>
    /// <param name="searchScope">Where the session's runs look for memories; <paramref name="storageScope"/> when <see langword="null"/>.</param>
    [JsonConstructor]
    public CheckpointMemoryState(MemoryScope storageScope, MemoryScope? searchScope = null)
    {
        ArgumentNullException.ThrowIfNull(storageScope);
        StorageScope = storageScope;
        SearchScope = searchScope ?? storageScope;
    }

    /// <summary>Gets where new memories of the session go.</summary>
    public MemoryScope StorageScope { get; }

    /// <summary>Gets where the session's runs look for memories (it may be wider, e.g. the user across sessions).</summary>
    public MemoryScope SearchScope { get; }
}

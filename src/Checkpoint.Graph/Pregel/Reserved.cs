namespace Checkpoint.Graph.Pregel;

/// <summary>Names the runtime reserves for its own channels, writes and config keys (LangGraph's spelling).</summary>
internal static class Reserved
{
    /// <summary>The write a task that returned nothing saves, so a resumed run knows it finished.</summary>
    public const string NoWrites = "__no_writes__";

    /// <summary>The write that holds the result of a functional-API task.</summary>
    public const string Return = "__return__";

    /// <summary>The entrypoint's input channel.</summary>
    public const string Start = "__start__";

    /// <summary>The entrypoint's output channel.</summary>
    public const string End = "__end__";

    /// <summary>The entrypoint's saved value, handed to the next run as <c>previous</c>.</summary>
    public const string Previous = "__previous__";

    /// <summary>The task id of writes that belong to no task: a command's update and goto (LangGraph's <c>NULL_TASK_ID</c>).</summary>
    public const string NullTaskId = "00000000-0000-0000-0000-000000000000";

    /// <summary>The key of <c>versions_seen</c> that records the channel versions static breakpoints have seen.</summary>
    public const string InterruptSeen = SpecialChannels.Interrupt;

    /// <summary>The config key of the run's durability.</summary>
    public const string DurabilityKey = "__durability";

    /// <summary>The config key of a run's <c>interruptBefore</c> nodes.</summary>
    public const string InterruptBeforeKey = "__interrupt_before";

    /// <summary>The config key of a run's <c>interruptAfter</c> nodes.</summary>
    public const string InterruptAfterKey = "__interrupt_after";

    /// <summary>The node name of the stream update that reports interrupts.</summary>
    public const string InterruptNode = SpecialChannels.Interrupt;

    /// <summary>Every node, in <c>interruptBefore</c>/<c>interruptAfter</c>.</summary>
    public const string AllNodes = "*";

    /// <summary>Separates the levels of a nested checkpoint namespace.</summary>
    public const char NamespaceSeparator = '|';

    /// <summary>Separates a node name from its task id inside a namespace level.</summary>
    public const char NamespaceEnd = ':';

    /// <summary>The config key that overrides the recursion limit.</summary>
    public const string RecursionLimitKey = "recursion_limit";

    /// <summary>The config key (and metadata key) of the run id.</summary>
    public const string RunIdKey = "run_id";

    /// <summary>Task path prefix of a node triggered by channels.</summary>
    public const string PullPath = "__pregel_pull";

    /// <summary>Task path prefix of a functional-API task call.</summary>
    public const string PushPath = "__pregel_push";

    public static string TriggerChannel(string node) => "branch:to:" + node;

    public static string JoinChannel(IEnumerable<string> sources, string target) => $"join:{string.Join('+', sources)}:{target}";

    /// <summary>Whether a write to this channel only records task status and is never applied to a channel.</summary>
    public static bool IsStatusWrite(string channel) =>
        channel is SpecialChannels.Error or SpecialChannels.Interrupt or SpecialChannels.Scheduled or SpecialChannels.Resume or NoWrites or Return;

    /// <summary>Whether a saved write shows that its task finished (anything but an error, an interrupt, an answer or a schedule).</summary>
    public static bool MarksFinished(string channel) =>
        channel is not (SpecialChannels.Error or SpecialChannels.Interrupt or SpecialChannels.Scheduled or SpecialChannels.Resume);

    /// <summary>Removes task ids from a namespace: <c>a:1|b:2</c> becomes <c>a|b</c> (LangGraph's <c>recast_checkpoint_ns</c>).</summary>
    public static string RecastNamespace(string ns) =>
        string.Join(NamespaceSeparator, ns.Split(NamespaceSeparator).Where(part => !part.All(char.IsAsciiDigit)).Select(part => part.Split(NamespaceEnd)[0]));
}

namespace Checkpoint;

/// <summary>The <c>db.operation.name</c> of every checkpointer and store operation.</summary>
internal static class Operations
{
    public const string Setup = "setup";
    public const string GetTuple = "get_tuple";
    public const string List = "list";
    public const string Put = "put";
    public const string PutWrites = "put_writes";
    public const string DeleteThread = "delete_thread";
    public const string DeleteForRuns = "delete_for_runs";
    public const string CopyThread = "copy_thread";
    public const string Prune = "prune";
    public const string ListThreads = "list_threads";
    public const string GetDeltaChannelHistory = "get_delta_channel_history";
    public const string Get = "get";
    public const string Delete = "delete";
    public const string Search = "search";
    public const string ListNamespaces = "list_namespaces";
    public const string Batch = "batch";
    public const string SweepExpired = "sweep_expired";
}

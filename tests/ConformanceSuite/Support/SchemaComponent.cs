namespace Checkpoint.ConformanceSuite;

/// <summary>The two schemas a backend migrates in <c>Setup()</c>.</summary>
public enum SchemaComponent
{
    /// <summary>The checkpointer's tables, collections or keys.</summary>
    Checkpointer,

    /// <summary>The store's tables, collections or keys.</summary>
    Store,
}

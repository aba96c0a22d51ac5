namespace Checkpoint;

/// <summary>
/// How a saver writes channel values, pending writes and channel versions: in this library's own format, or so that
/// a LangGraph runtime sharing the database can read and continue the thread.
/// </summary>
/// <remarks>
/// Reading needs no choice: every saver reads all three formats. Only what a saver <em>writes</em> follows this setting.
/// </remarks>
public enum CheckpointWireFormat
{
    /// <summary>
    /// This library's format (the default): typed <c>json:&lt;type&gt;</c> values that load back as the exact .NET
    /// type, long lists stored in chunks, padded string versions, encryption available. LangGraph cannot read it.
    /// </summary>
    Native = 0,

    /// <summary>
    /// LangGraph.js's format: <c>json</c> and <c>bytes</c> values with LangChain <c>lc</c> messages, and integer versions
    /// stored as JSON numbers, so <c>@langchain/langgraph</c> reads and continues the thread. LangGraph Python reads
    /// these values too, through its legacy <c>json</c> path.
    /// </summary>
    LangGraphJs = 1,

    /// <summary>
    /// LangGraph Python's format: <c>msgpack</c> values with LangChain messages as pydantic records, padded string
    /// versions, and (on PostgreSQL) strings, numbers, booleans and nulls inline in the checkpoint, so
    /// <c>langgraph</c> reads and continues the thread.
    /// </summary>
    LangGraphPython = 2,
}

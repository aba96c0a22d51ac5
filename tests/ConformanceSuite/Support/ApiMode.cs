namespace Checkpoint.ConformanceSuite;

/// <summary>Which API a conformance test drives: every behaviour is checked through both.</summary>
public enum ApiMode
{
    /// <summary>The synchronous methods (<c>Put</c>, <c>GetTuple</c>, <c>List</c>, ...).</summary>
    Sync,

    /// <summary>The asynchronous methods (<c>PutAsync</c>, <c>GetTupleAsync</c>, <c>ListAsync</c>, ...).</summary>
    Async,
}

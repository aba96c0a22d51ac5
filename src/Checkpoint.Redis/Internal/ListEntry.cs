namespace Checkpoint.Redis.Internal;

/// <summary>A checkpoint found by a listing cursor, before its contents are read.</summary>
/// <param name="ThreadId">The thread.</param>
/// <param name="Ns">The namespace.</param>
/// <param name="Id">The checkpoint id.</param>
/// <param name="RowKey">The row key, <c>ns ␀␀ id</c>.</param>
internal sealed record ListEntry(string ThreadId, string Ns, string Id, byte[] RowKey);

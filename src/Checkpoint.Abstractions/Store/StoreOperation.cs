namespace Checkpoint;

/// <summary>
/// One operation of a <see cref="BaseStore.Batch"/>: <see cref="GetOperation"/>, <see cref="PutOperation"/>,
/// <see cref="SearchOperation"/> or <see cref="ListNamespacesOperation"/>.
/// </summary>
public abstract record StoreOperation;

namespace Checkpoint;

/// <summary>The schema version an in-memory database records, set up as a real database would be.</summary>
/// <param name="description">What the version belongs to, for <see cref="SchemaVersionException"/>.</param>
internal sealed class InMemorySchema(string description)
{
    /// <summary>Gets the version the last setup recorded; 0 before the first.</summary>
    public int Version { get; set; }

    /// <summary>Records <paramref name="current"/>, or refuses (changing nothing) when a newer version is recorded.</summary>
    public Task SetupAsync(Lock gate, int current)
    {
        lock (gate)
        {
            if (Version > current)
            {
                throw new SchemaVersionException(description, Version, current);
            }

            Version = current;
        }

        return Task.CompletedTask;
    }
}

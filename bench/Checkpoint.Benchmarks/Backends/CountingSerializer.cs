namespace Checkpoint.Benchmarks;

/// <summary>Counts the bytes a serializer produces: the in-memory backend's measure of what it holds.</summary>
internal sealed class CountingSerializer(ICheckpointSerializer inner) : ICheckpointSerializer
{
    private long _bytes;

    public long Bytes => Interlocked.Read(ref _bytes);

    public SerializedValue Serialize(object? value)
    {
        var serialized = inner.Serialize(value);
        Interlocked.Add(ref _bytes, serialized.Data.Length);
        return serialized;
    }

    public object? Deserialize(SerializedValue value) => inner.Deserialize(value);
}

namespace Checkpoint.Cli.Tests.Support;

/// <summary>An application type the tool has never heard of: it must move such values without reading them.</summary>
/// <param name="Text">The text.</param>
/// <param name="Done">Whether it is done.</param>
public sealed record Todo(string Text, bool Done);

/// <summary>The application's serializers: one with its registered type, one that also encrypts.</summary>
public static class TestSerializers
{
    public static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public static JsonCheckpointSerializer Plain { get; } = new(new JsonCheckpointSerializerOptions().Register<Todo>("todo"));

    public static EncryptedSerializer Encrypted { get; } = new(Plain, Key);
}

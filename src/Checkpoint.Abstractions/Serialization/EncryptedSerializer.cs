using System.Security.Cryptography;
using System.Text;

namespace Checkpoint;

/// <summary>
/// Wraps another <see cref="ICheckpointSerializer"/> and encrypts everything it produces with AES-GCM, bound to the
/// place the value is stored.
/// </summary>
/// <remarks>
/// <para>
/// The stored tag is <c>"&lt;inner tag&gt;+aesgcm:&lt;key id&gt;"</c> and the payload is
/// <c>nonce (12 bytes) | authentication tag (16 bytes) | ciphertext</c>. The authenticated data is the key id, the inner
/// tag and the value's <see cref="ValueLocation"/>: thread, namespace, channel and version for a channel value;
/// thread, namespace, checkpoint, task, index and channel for a pending write. So a changed byte, a truncated payload,
/// a changed tag, and a ciphertext moved or copied to any other place (another thread, namespace, channel, version,
/// checkpoint, task or write) all fail with a <see cref="CheckpointSerializationException"/> instead of returning data.
/// </para>
/// <para>
/// A stored value that is not encrypted is refused too, so an attacker cannot replace a ciphertext with a plain value
/// of their choosing; <see cref="EncryptedSerializerOptions.AllowUnencryptedReads"/> reads such values while a
/// database is migrated to encryption.
/// </para>
/// </remarks>
public sealed class EncryptedSerializer : ICheckpointSerializer
{
    /// <summary>The suffix appended to the inner tag, followed by <c>:</c> and the key id.</summary>
    public const string TagSuffix = "+aesgcm";

    /// <summary>The environment variable <see cref="FromEnvironment"/> reads by default.</summary>
    public const string DefaultKeyVariable = "CHECKPOINT_AES_KEY";

    private const string KeyIdSeparator = TagSuffix + ":";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] FormatLabel = "checkpoint/aesgcm/2\0"u8.ToArray();
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ICheckpointSerializer _inner;
    private readonly EncryptionKey _current;
    private readonly Dictionary<string, EncryptionKey> _keys;
    private readonly bool _allowUnencrypted;

    /// <summary>Initializes an encrypting serializer.</summary>
    /// <param name="inner">The serializer whose output is encrypted.</param>
    /// <param name="options">The keys and migration settings.</param>
    /// <exception cref="ArgumentException">A key is not 16, 24 or 32 bytes long, a key id is malformed, or two keys share an id.</exception>
    public EncryptedSerializer(ICheckpointSerializer inner, EncryptedSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        _inner = inner;
        _current = CreateKey(options.Key, options.KeyId, nameof(options));
        _keys = new Dictionary<string, EncryptionKey>(StringComparer.Ordinal) { [_current.Id] = _current };
        foreach (var previous in options.PreviousKeys)
        {
            ArgumentNullException.ThrowIfNull(previous, nameof(options));
            if (!_keys.TryAdd(previous.Id, previous))
            {
                throw new ArgumentException($"Two configured keys have the id '{previous.Id}'; every key needs its own id.", nameof(options));
            }
        }

        _allowUnencrypted = options.AllowUnencryptedReads;
    }

    /// <summary>Initializes an encrypting serializer with one key.</summary>
    /// <param name="inner">The serializer whose output is encrypted.</param>
    /// <param name="key">The AES key: 16, 24 or 32 bytes.</param>
    public EncryptedSerializer(ICheckpointSerializer inner, byte[] key)
        : this(inner, new EncryptedSerializerOptions { Key = key })
    {
    }

    /// <summary>Gets the id of the key that encrypts new values.</summary>
    public string KeyId => _current.Id;

    /// <inheritdoc />
    /// <remarks>Always <see langword="true"/>: a value can be read only at the place it was written for.</remarks>
    public bool BindsLocation => true;

    /// <summary>Creates an encrypting serializer whose key is read, base64-encoded, from an environment variable.</summary>
    /// <param name="inner">The serializer whose output is encrypted; <see cref="JsonCheckpointSerializer.Default"/> when <see langword="null"/>.</param>
    /// <param name="variable">The variable name.</param>
    /// <returns>The serializer.</returns>
    /// <exception cref="InvalidOperationException">The variable is not set or is not a base64 key of a valid length.</exception>
    public static EncryptedSerializer FromEnvironment(ICheckpointSerializer? inner = null, string variable = DefaultKeyVariable)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidOperationException($"The environment variable {variable} is not set; it must hold a base64 AES key of 16, 24 or 32 bytes.");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException e)
        {
            // The key itself is never echoed.
            throw new InvalidOperationException($"The environment variable {variable} is not valid base64.", e);
        }

        if (key.Length is not (16 or 24 or 32))
        {
            throw new InvalidOperationException($"The key in {variable} is {key.Length} bytes long; AES needs 16, 24 or 32.");
        }

        return new EncryptedSerializer(inner ?? JsonCheckpointSerializer.Default, key);
    }

    /// <inheritdoc />
    /// <remarks>The value is bound to no location: only <see cref="Deserialize(SerializedValue)"/> reads it back.</remarks>
    public SerializedValue Serialize(object? value) => Serialize(value, default);

    /// <inheritdoc />
    /// <remarks>Only <see cref="Deserialize(SerializedValue)"/> reads a value stored with no location.</remarks>
    public object? Deserialize(SerializedValue value) => Deserialize(value, default);

    /// <inheritdoc />
    public SerializedValue Serialize(object? value, ValueLocation location)
    {
        var plain = _inner.Serialize(value, location);
        var output = new byte[NonceSize + TagSize + plain.Data.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_current.Key, TagSize);
        aes.Encrypt(nonce, plain.Data, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), AssociatedData(_current.Id, plain.Type, location));
        return new SerializedValue(plain.Type + KeyIdSeparator + _current.Id, output);
    }

    /// <inheritdoc />
    public object? Deserialize(SerializedValue value, ValueLocation location)
    {
        var type = value.Type ?? string.Empty;
        var data = value.Data ?? [];
        if (TryParseTag(type, out var innerType, out var keyId))
        {
            if (!_keys.TryGetValue(keyId, out var key))
            {
                throw new CheckpointSerializationException(
                    $"The value at {location} was encrypted with key '{keyId}', which is not configured (configured: {string.Join(", ", _keys.Keys.Select(k => $"'{k}'"))}). " +
                    "Add that key to EncryptedSerializerOptions.PreviousKeys to read it.");
            }

            var plain = Decrypt(key.Key, data, AssociatedData(keyId, innerType, location))
                ?? throw new CheckpointSerializationException(
                    $"The encrypted value at {location} failed authentication: it was modified after it was written, or it was written for another place " +
                    "(another thread, namespace, channel, version or pending write) and moved or copied here.");
            return _inner.Deserialize(new SerializedValue(innerType, plain), location);
        }

        if (!_allowUnencrypted)
        {
            throw new CheckpointSerializationException(type.EndsWith(TagSuffix, StringComparison.Ordinal)
                ? $"The value at {location} is encrypted in the 0.1 format, which is not bound to its place, so it is refused. " +
                  "To migrate, set EncryptedSerializerOptions.AllowUnencryptedReads, rewrite the thread (BaseCheckpointSaver.RewriteThread), then turn the option off."
                : $"The value at {location} is not encrypted (type tag '{Truncate(type)}'), so it is refused: a plain value where an encrypted one belongs " +
                  "may have been planted. If the database holds values written before encryption was turned on, set EncryptedSerializerOptions.AllowUnencryptedReads " +
                  "while you rewrite those threads (BaseCheckpointSaver.RewriteThread).");
        }

        if (!type.EndsWith(TagSuffix, StringComparison.Ordinal))
        {
            return _inner.Deserialize(value, location);
        }

        // The 0.1 format: authenticated data is the inner tag only, and values carry no key id.
        var legacyType = type[..^TagSuffix.Length];
        foreach (var key in _keys.Values)
        {
            if (Decrypt(key.Key, data, Encoding.UTF8.GetBytes(legacyType)) is { } plain)
            {
                return _inner.Deserialize(new SerializedValue(legacyType, plain), location);
            }
        }

        throw new CheckpointSerializationException($"The encrypted value at {location} (0.1 format) failed authentication with every configured key.");
    }

    private static EncryptionKey CreateKey(byte[]? key, string? id, string parameter)
    {
        try
        {
            return new EncryptionKey(key!, id);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(e.Message, parameter, e);
        }
    }

    private static bool TryParseTag(string? type, out string innerType, out string keyId)
    {
        var at = type?.LastIndexOf(KeyIdSeparator, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            innerType = keyId = string.Empty;
            return false;
        }

        innerType = type![..at];
        keyId = type[(at + KeyIdSeparator.Length)..];
        return true;
    }

    private static byte[]? Decrypt(byte[] key, byte[] data, byte[] associated)
    {
        if (data.Length < NonceSize + TagSize)
        {
            return null;
        }

        var plain = new byte[data.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize + TagSize), data.AsSpan(NonceSize, TagSize), plain, associated);
            return plain;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    /// <summary>
    /// The authenticated data: a format label, then length-prefixed fields (so no two locations encode alike): key id,
    /// inner tag, the location's kind and its key fields.
    /// </summary>
    private static byte[] AssociatedData(string keyId, string innerType, ValueLocation location)
    {
        using var buffer = new MemoryStream();
        buffer.Write(FormatLabel);
        WriteField(buffer, keyId);
        WriteField(buffer, innerType);
        buffer.WriteByte((byte)location.Kind);
        switch (location.Kind)
        {
            case ValueLocationKind.ChannelValue:
                WriteField(buffer, location.ThreadId);
                WriteField(buffer, location.CheckpointNs);
                WriteField(buffer, location.Channel);
                WriteField(buffer, location.Version);
                break;
            case ValueLocationKind.PendingWrite:
                WriteField(buffer, location.ThreadId);
                WriteField(buffer, location.CheckpointNs);
                WriteField(buffer, location.CheckpointId);
                WriteField(buffer, location.TaskId);
                Span<byte> index = stackalloc byte[4];
                System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(index, location.WriteIndex);
                buffer.Write(index);
                WriteField(buffer, location.Channel);
                break;
        }

        return buffer.ToArray();
    }

    private static void WriteField(MemoryStream buffer, string? text)
    {
        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(text ?? string.Empty);
        }
        catch (EncoderFallbackException e)
        {
            throw new CheckpointSerializationException("A value's location contains an unpaired surrogate, so the value cannot be bound to it.", e);
        }

        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "...");
}

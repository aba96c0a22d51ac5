using System.Security.Cryptography;
using System.Text;

namespace Checkpoint;

/// <summary>
/// Wraps another <see cref="ICheckpointSerializer"/> and encrypts everything it produces with AES-GCM.
/// </summary>
/// <remarks>
/// <para>
/// The stored tag is <c>"&lt;inner tag&gt;+aesgcm"</c> and the payload is <c>nonce (12 bytes) | tag (16 bytes) | ciphertext</c>.
/// The inner tag is authenticated too, so changing either the tag or a single byte of the payload is detected and
/// reported as a <see cref="CheckpointSerializationException"/> instead of returning altered data.
/// </para>
/// <para>
/// Values whose tag does not end in <c>+aesgcm</c> are passed to the inner serializer unchanged, so a database
/// written before encryption was turned on stays readable.
/// </para>
/// </remarks>
public sealed class EncryptedSerializer : ICheckpointSerializer
{
    /// <summary>The suffix appended to the inner tag.</summary>
    public const string TagSuffix = "+aesgcm";

    /// <summary>The environment variable <see cref="FromEnvironment"/> reads by default.</summary>
    public const string DefaultKeyVariable = "CHECKPOINT_AES_KEY";

    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly ICheckpointSerializer _inner;
    private readonly byte[] _key;
    private readonly byte[][] _decryptionKeys;

    /// <summary>Initializes an encrypting serializer.</summary>
    /// <param name="inner">The serializer whose output is encrypted.</param>
    /// <param name="options">The keys.</param>
    /// <exception cref="ArgumentException">A key is not 16, 24 or 32 bytes long.</exception>
    public EncryptedSerializer(ICheckpointSerializer inner, EncryptedSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        ValidateKey(options.Key, nameof(options));
        foreach (var previous in options.PreviousKeys)
        {
            ValidateKey(previous, nameof(options));
        }

        _inner = inner;
        _key = options.Key.ToArray();
        _decryptionKeys = [_key, .. options.PreviousKeys.Select(k => k.ToArray())];
    }

    /// <summary>Initializes an encrypting serializer with one key.</summary>
    /// <param name="inner">The serializer whose output is encrypted.</param>
    /// <param name="key">The AES key: 16, 24 or 32 bytes.</param>
    public EncryptedSerializer(ICheckpointSerializer inner, byte[] key)
        : this(inner, new EncryptedSerializerOptions { Key = key })
    {
    }

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
    public SerializedValue Serialize(object? value)
    {
        var plain = _inner.Serialize(value);
        var output = new byte[NonceSize + TagSize + plain.Data.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain.Data, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(plain.Type));
        return new SerializedValue(plain.Type + TagSuffix, output);
    }

    /// <inheritdoc />
    public object? Deserialize(SerializedValue value)
    {
        if (value.Type is null || !value.Type.EndsWith(TagSuffix, StringComparison.Ordinal))
        {
            return _inner.Deserialize(value);
        }

        var innerType = value.Type[..^TagSuffix.Length];
        var data = value.Data ?? [];
        if (data.Length < NonceSize + TagSize)
        {
            throw new CheckpointSerializationException("The encrypted value is truncated: it is shorter than its nonce and authentication tag.");
        }

        var plain = new byte[data.Length - NonceSize - TagSize];
        var associated = Encoding.UTF8.GetBytes(innerType);
        foreach (var key in _decryptionKeys)
        {
            try
            {
                using var aes = new AesGcm(key, TagSize);
                aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize + TagSize), data.AsSpan(NonceSize, TagSize), plain, associated);
                return _inner.Deserialize(new SerializedValue(innerType, plain));
            }
            catch (AuthenticationTagMismatchException)
            {
                // Try the next key; only when none authenticates is the value reported as tampered.
            }
        }

        throw new CheckpointSerializationException(
            "The encrypted value failed authentication: it was modified after it was written, or none of the configured keys is the one it was written with.");
    }

    private static void ValidateKey(byte[]? key, string parameter)
    {
        if (key is null || key.Length is not (16 or 24 or 32))
        {
            throw new ArgumentException($"An AES key must be 16, 24 or 32 bytes long; got {key?.Length ?? 0}.", parameter);
        }
    }
}

namespace Checkpoint;

/// <summary>Keys for <see cref="EncryptedSerializer"/>.</summary>
public sealed class EncryptedSerializerOptions
{
    /// <summary>Gets or sets the AES key (16, 24 or 32 bytes) used to encrypt, and tried first to decrypt.</summary>
    public byte[] Key { get; set; } = [];

    /// <summary>Gets older keys that are still tried for decryption, so keys can be rotated without rewriting old data.</summary>
    public IList<byte[]> PreviousKeys { get; } = [];
}

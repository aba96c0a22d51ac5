namespace Checkpoint;

/// <summary>Keys and migration settings for <see cref="EncryptedSerializer"/>.</summary>
public sealed class EncryptedSerializerOptions
{
    /// <summary>Gets or sets the AES key (16, 24 or 32 bytes) that encrypts every value written.</summary>
    public byte[] Key { get; set; } = [];

    /// <summary>
    /// Gets or sets the id stored with every value <see cref="Key"/> encrypts (1 to 64 letters, digits, <c>.</c>, <c>_</c>,
    /// <c>-</c>); a fingerprint of the key when <see langword="null"/>. See <see cref="EncryptionKey"/>.
    /// </summary>
    public string? KeyId { get; set; }

    /// <summary>
    /// Gets older keys that still decrypt what they wrote, so keys can be rotated: each value names the id of its key,
    /// and a value whose key is not configured is refused with a message naming that id. A plain <see cref="byte"/>
    /// array can be added (its id is its fingerprint).
    /// </summary>
    public IList<EncryptionKey> PreviousKeys { get; } = [];

    /// <summary>
    /// Gets or sets whether values that are not encrypted (written before encryption was turned on, or by the 0.1
    /// format that was not bound to its place) are read instead of refused. Default <see langword="false"/>.
    /// </summary>
    /// <remarks>
    /// Turn this on only while migrating a database to encryption, then rewrite its threads
    /// (<see cref="BaseCheckpointSaver.RewriteThread"/>) and turn it off: while it is on, anyone who can write to the
    /// database can replace an encrypted value with a plain value of their choosing and it will be read.
    /// </remarks>
    public bool AllowUnencryptedReads { get; set; }
}

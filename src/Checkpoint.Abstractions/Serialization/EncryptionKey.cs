using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Checkpoint;

/// <summary>An AES key for <see cref="EncryptedSerializer"/> and the id stored beside every value it encrypts.</summary>
/// <remarks>
/// The id tells a reader which key a value was written with, so keys can be rotated: the new key encrypts, the old ones
/// stay configured (<see cref="EncryptedSerializerOptions.PreviousKeys"/>) until nothing is written with them any more.
/// Ids are stored in clear in the type tag (<c>json:string+aesgcm:&lt;id&gt;</c>), which lets an operator count the values
/// still written with an old key. Without an explicit id, the id is a fingerprint of the key (16 hex digits of an HMAC
/// of the key), which reveals nothing about it.
/// </remarks>
public sealed partial class EncryptionKey
{
    /// <summary>Initializes a key.</summary>
    /// <param name="key">The AES key: 16, 24 or 32 bytes. It is copied.</param>
    /// <param name="id">A short id (1 to 64 letters, digits, <c>.</c>, <c>_</c>, <c>-</c>); a fingerprint of the key when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The key is not 16, 24 or 32 bytes long, or the id is malformed.</exception>
    public EncryptionKey(byte[] key, string? id = null)
    {
        if (key is null || key.Length is not (16 or 24 or 32))
        {
            throw new ArgumentException($"An AES key must be 16, 24 or 32 bytes long; got {key?.Length ?? 0}.", nameof(key));
        }

        if (id is not null && !IdPattern().IsMatch(id))
        {
            throw new ArgumentException($"'{id}' is not a valid key id: use 1 to 64 letters, digits, '.', '_' and '-'.", nameof(id));
        }

        Key = key.ToArray();
        Id = id ?? Fingerprint(key);
    }

    /// <summary>Gets the key id.</summary>
    public string Id { get; }

    /// <summary>Gets a copy of the key bytes.</summary>
    internal byte[] Key { get; }

    /// <summary>Creates a key with a fingerprint id, so a plain key can be given wherever an <see cref="EncryptionKey"/> is expected.</summary>
    /// <param name="key">The AES key: 16, 24 or 32 bytes.</param>
    public static implicit operator EncryptionKey(byte[] key) => new(key);

    /// <summary>Creates a key with a fingerprint id.</summary>
    /// <param name="key">The AES key: 16, 24 or 32 bytes.</param>
    /// <returns>The key.</returns>
    public static EncryptionKey FromByteArray(byte[] key) => new(key);

    /// <inheritdoc />
    public override string ToString() => $"AES key '{Id}'"; // never the key itself

    private static string Fingerprint(byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes("checkpoint key id")).AsSpan(0, 8));

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}

using System.Buffers.Text;
using System.Text;

namespace Checkpoint.Redis.Internal;

/// <summary>
/// Turns user text (a thread id, a namespace) into the content of a Redis Cluster hash tag <c>{...}</c>. Raw user
/// text never goes inside the braces: a <c>}</c> in it would end the tag early and scatter one thread over several
/// slots. The tag is the base64url of the strict UTF-8 bytes; text that is not valid UTF-16 (a lone surrogate) is
/// encoded exactly as <c>~</c> followed by the base64url of its UTF-16 code units.
/// </summary>
internal static class KeyTag
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes text as a tag.</summary>
    public static string Encode(string text)
    {
        try
        {
            return Base64Url.EncodeToString(StrictUtf8.GetBytes(text));
        }
        catch (EncoderFallbackException)
        {
            return "~" + Base64Url.EncodeToString(OrdinalEncoding.Encode(text));
        }
    }

    /// <summary>Decodes a tag written by <see cref="Encode"/>.</summary>
    public static string Decode(string tag) =>
        tag.StartsWith('~')
            ? OrdinalEncoding.Decode(Base64Url.DecodeFromChars(tag.AsSpan(1)))
            : StrictUtf8.GetString(Base64Url.DecodeFromChars(tag));
}

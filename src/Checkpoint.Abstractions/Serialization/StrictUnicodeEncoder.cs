using System.Text.Encodings.Web;

namespace Checkpoint;

/// <summary>
/// A <see cref="JavaScriptEncoder"/> that refuses text with an unpaired surrogate and otherwise escapes exactly as the
/// encoder it wraps. System.Text.Json would silently write such a character as U+FFFD, so the value would not load back
/// as itself; every string the serializer writes (values, property names, dictionary keys) passes through here.
/// </summary>
/// <param name="inner">The encoder whose escaping is used.</param>
internal sealed class StrictUnicodeEncoder(JavaScriptEncoder inner) : JavaScriptEncoder
{
    public override int MaxOutputCharactersPerInputCharacter => inner.MaxOutputCharactersPerInputCharacter;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        if (UnicodeText.FindUnpairedSurrogate(new ReadOnlySpan<char>(text, textLength)) is { } position)
        {
            throw new PlainValueException(UnicodeText.Describe(new ReadOnlySpan<char>(text, textLength), position), string.Empty);
        }

        return inner.FindFirstCharacterToEncode(text, textLength);
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten) =>
        inner.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);

    public override bool WillEncode(int unicodeScalar) => inner.WillEncode(unicodeScalar);

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text) => inner.FindFirstCharacterToEncodeUtf8(utf8Text);
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint;

/// <content>
/// Reading an item's stored document, so that a damaged one (changed outside the library) fails the same way on every
/// backend: a <see cref="CorruptItemException"/> naming the item.
/// </content>
public abstract partial class BaseStore
{
    /// <summary>Reads an item's stored document from its JSON text.</summary>
    /// <param name="namespace">The namespace of the stored item.</param>
    /// <param name="key">The key of the stored item.</param>
    /// <param name="json">The stored text.</param>
    /// <returns>The document.</returns>
    /// <exception cref="CorruptItemException">The text is not JSON, or not a JSON object.</exception>
    protected static JsonObject ReadStoredDocument(StoreNamespace @namespace, string key, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw Unreadable(@namespace, key, e);
        }

        return AsDocument(@namespace, key, node);
    }

    /// <summary>Reads an item's stored document from its UTF-8 JSON.</summary>
    /// <param name="namespace">The namespace of the stored item.</param>
    /// <param name="key">The key of the stored item.</param>
    /// <param name="utf8Json">The stored bytes.</param>
    /// <returns>The document.</returns>
    /// <exception cref="CorruptItemException">The bytes are not UTF-8 JSON, or not a JSON object.</exception>
    protected static JsonObject ReadStoredDocument(StoreNamespace @namespace, string key, byte[] utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return ReadStoredDocument(@namespace, key, () => JsonNode.Parse(utf8Json));
    }

    /// <summary>
    /// Reads an item's stored document with a backend's own decoding (BSON, say): a failure of <paramref name="decode"/>
    /// means the stored form is damaged, and anything but an object is not a document.
    /// </summary>
    /// <param name="namespace">The namespace of the stored item.</param>
    /// <param name="key">The key of the stored item.</param>
    /// <param name="decode">Turns what is stored into JSON.</param>
    /// <returns>The document.</returns>
    /// <exception cref="CorruptItemException"><paramref name="decode"/> failed, or returned something other than a JSON object.</exception>
    protected static JsonObject ReadStoredDocument(StoreNamespace @namespace, string key, Func<JsonNode?> decode)
    {
        ArgumentNullException.ThrowIfNull(decode);
        JsonNode? node;
        try
        {
            node = decode();
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw Unreadable(@namespace, key, e);
        }

        return AsDocument(@namespace, key, node);
    }

    /// <summary>
    /// Reads the stored document of a search candidate without throwing: a damaged document passes every filter (its
    /// fields cannot show that it does not match), and the search throws <paramref name="damage"/> only when the item
    /// lands in the page it returns (<see cref="ThrowIfDamaged{T}"/>), so a damaged item never stops a search that would
    /// not return it.
    /// </summary>
    /// <param name="namespace">The namespace of the stored item.</param>
    /// <param name="key">The key of the stored item.</param>
    /// <param name="decode">Turns what is stored into JSON.</param>
    /// <param name="damage">What is wrong, or <see langword="null"/> when the document is intact.</param>
    /// <returns>The document; an empty object, never returned to the caller, when it is damaged.</returns>
    protected static JsonObject ReadCandidateDocument(StoreNamespace @namespace, string key, Func<JsonNode?> decode, out CorruptItemException? damage)
    {
        try
        {
            damage = null;
            return ReadStoredDocument(@namespace, key, decode);
        }
        catch (CorruptItemException e)
        {
            damage = e;
            return [];
        }
    }

    /// <summary>Reads the stored document of a search candidate from its JSON text without throwing; see <see cref="ReadCandidateDocument(StoreNamespace, string, Func{JsonNode?}, out CorruptItemException?)"/>.</summary>
    /// <param name="namespace">The namespace of the stored item.</param>
    /// <param name="key">The key of the stored item.</param>
    /// <param name="json">The stored text.</param>
    /// <param name="damage">What is wrong, or <see langword="null"/> when the document is intact.</param>
    /// <returns>The document; an empty object, never returned to the caller, when it is damaged.</returns>
    protected static JsonObject ReadCandidateDocument(StoreNamespace @namespace, string key, string json, out CorruptItemException? damage)
    {
        try
        {
            damage = null;
            return ReadStoredDocument(@namespace, key, json);
        }
        catch (CorruptItemException e)
        {
            damage = e;
            return [];
        }
    }

    /// <summary>Throws the damage of the first damaged item of a search page, if any.</summary>
    /// <typeparam name="T">A candidate.</typeparam>
    /// <param name="page">The page, in order.</param>
    /// <param name="damage">The damage of a candidate (<see cref="ReadCandidateDocument(StoreNamespace, string, string, out CorruptItemException?)"/>), or <see langword="null"/>.</param>
    /// <exception cref="CorruptItemException">An item of the page is damaged.</exception>
    protected static void ThrowIfDamaged<T>(IEnumerable<T> page, Func<T, CorruptItemException?> damage)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(damage);
        foreach (var candidate in page)
        {
            if (damage(candidate) is { } found)
            {
                // A fresh exception, thrown from here: the candidate's was only kept.
                throw new CorruptItemException(found.Namespace!.Value, found.Key!, found.Problem!, found.InnerException);
            }
        }
    }

    // Whatever decoding throws means the stored form is damaged, except cancellation, running out of memory and a
    // damage already named.
    private static bool IsDamage(Exception e) => e is not (OperationCanceledException or CorruptItemException or OutOfMemoryException);

    private static CorruptItemException Unreadable(StoreNamespace @namespace, string key, Exception e) =>
        new(@namespace, key, $"its document cannot be read ({Reason(e)})", e);

    private static JsonObject AsDocument(StoreNamespace @namespace, string key, JsonNode? node) =>
        node as JsonObject ?? throw new CorruptItemException(@namespace, key, $"its document is {Describe(node)}, not a JSON object");

    private static string Reason(Exception e) => e is JsonException ? e.Message : $"{e.GetType().Name}: {e.Message}";

    private static string Describe(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "JSON null",
        JsonValueKind.Array => "a JSON array",
        JsonValueKind.String => "a JSON string",
        JsonValueKind.Number => "a JSON number",
        _ => "a JSON boolean",
    };
}

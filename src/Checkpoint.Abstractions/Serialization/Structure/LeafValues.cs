using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Checkpoint;

/// <summary>
/// Immutable values whose JSON is a function of the value alone, and a strict equality for them: two values are
/// equal only when every converter writes them identically (<c>1.0m</c> and <c>1.00m</c>, or <c>0.0</c> and
/// <c>-0.0</c>, or two offsets of the same instant, are different here although .NET calls them equal).
/// </summary>
internal static class LeafValues
{
    private static readonly HashSet<Type> Types =
    [
        typeof(string), typeof(bool), typeof(char), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
        typeof(long), typeof(ulong), typeof(Int128), typeof(UInt128), typeof(float), typeof(double), typeof(Half), typeof(decimal),
        typeof(DateTime), typeof(DateTimeOffset), typeof(DateOnly), typeof(TimeOnly), typeof(TimeSpan), typeof(Guid), typeof(Uri),
        typeof(JsonElement), typeof(ChatRole), typeof(ChatFinishReason),
    ];

    /// <summary>Returns whether values of <paramref name="type"/> are immutable leaves.</summary>
    public static bool IsLeaf(Type type) => Types.Contains(type) || type.IsEnum;

    /// <summary>Compares two leaves of the same type (neither null) strictly, as their JSON would.</summary>
    public static bool Equal(object a, object b) => (a, b) switch
    {
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        (float x, float y) => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y),
        (Half x, Half y) => BitConverter.HalfToInt16Bits(x) == BitConverter.HalfToInt16Bits(y),
        (decimal x, decimal y) => decimal.GetBits(x).AsSpan().SequenceEqual(decimal.GetBits(y)),
        (DateTime x, DateTime y) => x.Ticks == y.Ticks && x.Kind == y.Kind,
        (DateTimeOffset x, DateTimeOffset y) => x.Ticks == y.Ticks && x.Offset == y.Offset,
        (Uri x, Uri y) => string.Equals(x.OriginalString, y.OriginalString, StringComparison.Ordinal),
        (JsonElement x, JsonElement y) => x.ValueKind == y.ValueKind
            && (x.ValueKind == JsonValueKind.Undefined || string.Equals(x.GetRawText(), y.GetRawText(), StringComparison.Ordinal)),
        (ChatRole x, ChatRole y) => string.Equals(x.Value, y.Value, StringComparison.Ordinal),
        (ChatFinishReason x, ChatFinishReason y) => string.Equals(x.Value, y.Value, StringComparison.Ordinal),
        _ => a.GetType() == b.GetType() && a.Equals(b),
    };
}

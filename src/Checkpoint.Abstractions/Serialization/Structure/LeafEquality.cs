using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Checkpoint;

/// <summary>
/// The strict equality of <see cref="LeafValues"/>, typed so compiled comparers call it without boxing: the checks
/// on the type argument are resolved when a method is compiled for a value type.
/// </summary>
internal static class LeafEquality
{
    /// <summary>Compares two leaves of one type as their JSON would.</summary>
    /// <typeparam name="T">A leaf type other than <see cref="string"/> and <see cref="Uri"/>.</typeparam>
    public static bool Equal<T>(T a, T b)
    {
        if (typeof(T) == typeof(double))
        {
            return BitConverter.DoubleToInt64Bits((double)(object)a!) == BitConverter.DoubleToInt64Bits((double)(object)b!);
        }

        if (typeof(T) == typeof(float))
        {
            return BitConverter.SingleToInt32Bits((float)(object)a!) == BitConverter.SingleToInt32Bits((float)(object)b!);
        }

        if (typeof(T) == typeof(DateTimeOffset))
        {
            var x = (DateTimeOffset)(object)a!;
            var y = (DateTimeOffset)(object)b!;
            return x.Ticks == y.Ticks && x.Offset == y.Offset;
        }

        if (typeof(T) == typeof(DateTime))
        {
            var x = (DateTime)(object)a!;
            var y = (DateTime)(object)b!;
            return x.Ticks == y.Ticks && x.Kind == y.Kind;
        }

        if (typeof(T) == typeof(Half) || typeof(T) == typeof(decimal) || typeof(T) == typeof(JsonElement))
        {
            return LeafValues.Equal(a!, b!);
        }

        if (typeof(T) == typeof(ChatRole))
        {
            return string.Equals(((ChatRole)(object)a!).Value, ((ChatRole)(object)b!).Value, StringComparison.Ordinal);
        }

        if (typeof(T) == typeof(ChatFinishReason))
        {
            return string.Equals(((ChatFinishReason)(object)a!).Value, ((ChatFinishReason)(object)b!).Value, StringComparison.Ordinal);
        }

        return EqualityComparer<T>.Default.Equals(a, b);
    }

    /// <summary>Compares two optional leaves.</summary>
    /// <typeparam name="T">A value-type leaf.</typeparam>
    public static bool NullableEqual<T>(T? a, T? b)
        where T : struct =>
        a.HasValue ? b.HasValue && Equal(a.GetValueOrDefault(), b.GetValueOrDefault()) : !b.HasValue;

    /// <summary>Compares two strings ordinally.</summary>
    public static bool StringEqual(string? a, string? b) => string.Equals(a, b, StringComparison.Ordinal);

    /// <summary>Compares two URIs by the text they are written as.</summary>
    public static bool UriEqual(Uri? a, Uri? b) => a is null ? b is null : b is not null && string.Equals(a.OriginalString, b.OriginalString, StringComparison.Ordinal);
}

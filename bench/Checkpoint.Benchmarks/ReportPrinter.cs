using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Checkpoint.Benchmarks;

/// <summary>Prints the results as a table and writes them as JSON.</summary>
internal static class ReportPrinter
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string ToTable(IReadOnlyList<BackendResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"backend",-9} {"operation",-18} {"ops/s",10} {"p50 µs",10} {"p99 µs",10} {"alloc/op",12} {"floor",-18} {"x floor",8} {"x raw",8}");
        foreach (var result in results)
        {
            if (result.Error is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{result.Backend,-9} not measured: {result.Error}");
                continue;
            }

            foreach (var op in result.Operations.Concat(result.Floor))
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{result.Backend,-9} {op.Operation,-18} {op.OpsPerSecond,10:F0} {op.P50Micros,10:F1} {op.P99Micros,10:F1} {FormatBytes(op.AllocatedBytesPerOp),12} {op.FloorOperation ?? "",-18} {Ratio(op.FloorRatio),8} {Ratio(op.RawFloorRatio),8}");
            }

            if (result.ThreadBytes is { } bytes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{result.Backend,-9} bytes held for the thread after {StandardWorkload.Puts:N0} puts: {FormatBytes(bytes)}");
            }

            foreach (var (step, added) in result.BytesPerStep)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{result.Backend,-9} bytes written by put #{step:N0}: {FormatBytes(added)}");
            }

            foreach (var (name, value) in result.Scale)
            {
                var unit = name.Contains('@', StringComparison.Ordinal) ? "µs (p50)" : string.Empty;
                text.AppendLine(CultureInfo.InvariantCulture, $"{result.Backend,-9} scale {name,-28} {value,12:F2} {unit}");
            }
        }

        return text.ToString();
    }

    public static async Task WriteJsonAsync(string path, IReadOnlyList<BackendResult> results)
    {
        var document = new
        {
            Date = DateTimeOffset.UtcNow,
            Machine = new { Environment.ProcessorCount, Os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, Runtime = Environment.Version.ToString() },
            Workload = new { StandardWorkload.Puts, StandardWorkload.PutWritesCalls, StandardWorkload.GetTuples, StandardWorkload.Lists },
            Results = results,
        };
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, document, JsonOptions).ConfigureAwait(false);
    }

    private static string Ratio(double? ratio) => ratio is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) : string.Empty;

    private static string FormatBytes(long bytes) => bytes switch
    {
        >= 10L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):F1} MiB",
        >= 10L * 1024 => $"{bytes / 1024.0:F1} KiB",
        _ => $"{bytes} B",
    };
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Checkpoint.Benchmarks;

/// <summary>Prints the results as tables and writes them as JSON.</summary>
internal static class ReportPrinter
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Header() =>
        $"Checkpoint benchmarks, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}";

    public static string ToTable(IReadOnlyList<BackendResult> results)
    {
        var text = new StringBuilder();
        if (results.Any(r => r.Operations.Count > 0 || r.Error is not null && r.Scaling.Count == 0 && r.Store.Count == 0 && r.Scale.Count == 0))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{"backend",-9} {"operation",-18} {"ops/s",10} {"p50 µs",10} {"p99 µs",10} {"alloc/op",12} {"floor",-18} {"x floor",8} {"x raw",8}");
        }

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

            if (result.DatabaseBytesAdded is { } added)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{result.Backend,-9} database growth over the {StandardWorkload.Puts:N0} puts, as an operator sees it: {FormatBytes(added)}");
            }

            foreach (var (step, perStep) in result.BytesPerStep)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{result.Backend,-9} bytes written by put #{step:N0}: {FormatBytes(perStep)}");
            }

            foreach (var (name, value) in result.Scale)
            {
                var unit = name.Contains('@', StringComparison.Ordinal) ? "µs (p50)" : string.Empty;
                text.AppendLine(CultureInfo.InvariantCulture, $"{result.Backend,-9} scale {name,-28} {value,12:F2} {unit}");
            }
        }

        AppendGrid(text, "scaling: p50 µs by conversation length (messages)", results, r => r.Scaling.Select(p => (p.Op, p.History, p.P50Us, p.AllocBytesPerOp)));
        AppendGrid(text, "store: p50 µs by items stored", results, r => r.Store.Select(p => (p.Op, p.Items, p.P50Us, p.AllocBytesPerOp)));
        return text.ToString();
    }

    public static async Task WriteJsonAsync(string path, BenchOptions options, IReadOnlyList<BackendResult> results)
    {
        var document = new
        {
            Date = DateTimeOffset.UtcNow,
            Machine = new
            {
                Environment.ProcessorCount,
                Os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                Runtime = Environment.Version.ToString(),
                LoadAverage = LoadAverage(),
            },
            options.Mode,
            Settings = new { options.SqliteDurability, options.ChunkCache.TrustUnchangedItems },
            Workload = options.Mode == BenchMode.Standard ? new { StandardWorkload.Puts, StandardWorkload.PutWritesCalls, StandardWorkload.GetTuples, StandardWorkload.Lists } : null,
            Results = results.Where(r => r.Operations.Count > 0 || r.Scale.Count > 0 || r.Error is not null)
                .Select(r => new { r.Backend, r.Operations, r.Floor, r.ThreadBytes, r.DatabaseBytesAdded, r.BytesPerStep, r.Scale, r.Error }),
            Scaling = results.SelectMany(r => r.Scaling.Select(p => new { r.Backend, p.Op, p.History, p.P50Us, p.AllocBytesPerOp, p.Samples })),
            Store = results.SelectMany(r => r.Store.Select(p => new { r.Backend, p.Op, p.Items, p.P50Us, p.AllocBytesPerOp, p.Samples })),
        };
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, document, JsonOptions).ConfigureAwait(false);
    }

    /// <summary>One row per backend and operation, one column per size, then the largest size's p50 over the smallest's and the allocations at the largest.</summary>
    private static void AppendGrid(StringBuilder text, string title, IReadOnlyList<BackendResult> results, Func<BackendResult, IEnumerable<(string Op, int Size, double P50, long Alloc)>> points)
    {
        var all = results.SelectMany(r => points(r).Select(p => (r.Backend, p.Op, p.Size, p.P50, p.Alloc))).ToList();
        if (all.Count == 0)
        {
            return;
        }

        var sizes = all.Select(p => p.Size).Distinct().Order().ToList();
        text.AppendLine().AppendLine(title);
        text.Append(CultureInfo.InvariantCulture, $"{"backend",-9} {"operation",-20}");
        foreach (var size in sizes)
        {
            text.Append(CultureInfo.InvariantCulture, $" {size,10:N0}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $" {"last/first",10} {"alloc/op",12}");
        foreach (var row in all.GroupBy(p => (p.Backend, p.Op)))
        {
            text.Append(CultureInfo.InvariantCulture, $"{row.Key.Backend,-9} {row.Key.Op,-20}");
            foreach (var size in sizes)
            {
                var point = row.Where(p => p.Size == size).ToList();
                text.Append(point.Count == 0 ? $" {"",10}" : string.Create(CultureInfo.InvariantCulture, $" {point[0].P50,10:F1}"));
            }

            var ordered = row.OrderBy(p => p.Size).ToList();
            var ratio = ordered[0].P50 > 0 ? ordered[^1].P50 / ordered[0].P50 : (double?)null;
            text.AppendLine(CultureInfo.InvariantCulture, $" {Ratio(ratio),10} {FormatBytes(ordered[^1].Alloc),12}");
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string Ratio(double? ratio) => ratio is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) : string.Empty;

    private static string FormatBytes(long bytes) => bytes switch
    {
        >= 10L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):F1} MiB",
        >= 10L * 1024 => $"{bytes / 1024.0:F1} KiB",
        _ => $"{bytes} B",
    };
}

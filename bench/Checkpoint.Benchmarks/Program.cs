using Checkpoint.Benchmarks;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (UsageException e)
{
    if (e.Message.Length > 0)
    {
        Console.Error.WriteLine($"error: {e.Message}");
    }

    Console.Error.WriteLine(BenchOptions.Usage);
    return e.Message.Length > 0 ? 2 : 0;
}

var results = new List<BackendResult>();
var progress = new Action<string>(line => Console.Error.Write($"\r{line,-60}"));
foreach (var name in options.Backends.Distinct())
{
    var result = new BackendResult { Backend = name };
    results.Add(result);
    try
    {
        await using var backend = BackendFactory.Create(name, options);
        if (options.Scale)
        {
            await new ScaleWorkload(progress, options).RunAsync(backend, result);
        }
        else
        {
            await new StandardWorkload(progress).RunAsync(backend, result);
        }
    }
    catch (BackendNotAvailableException e)
    {
        result.Error = e.Message;
    }
    catch (Exception e)
    {
        // One failing backend must not lose the others' results.
        result.Error = $"failed: {e.GetType().Name}: {e.Message}";
        Console.Error.WriteLine($"\n[{name}] {e}");
    }

    Console.Error.WriteLine();
}

Console.WriteLine($"Checkpoint benchmarks, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine(ReportPrinter.ToTable(results));
if (options.JsonPath is not null)
{
    await ReportPrinter.WriteJsonAsync(options.JsonPath, results);
    Console.WriteLine($"JSON written to {options.JsonPath}");
}

return results.Any(r => r.Error is not null && options.Backends.Count == 1) ? 1 : 0;

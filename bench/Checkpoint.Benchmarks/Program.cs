using Checkpoint.Benchmarks;

return await BenchCommand.Create(RunAsync).Parse(args).InvokeAsync();

static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
{
    var progress = new Progress();
    var results = new List<BackendResult>();
    foreach (var name in options.Backends)
    {
        var result = new BackendResult { Backend = name };
        results.Add(result);
        try
        {
            await using var backend = BackendFactory.Create(name, options);
            Task run = options.Mode switch
            {
                BenchMode.Scale => new ScaleWorkload(progress, options).RunAsync(backend, result),
                BenchMode.Scaling => new ScalingWorkload(progress, options.Histories).RunAsync(backend, result),
                BenchMode.Store => new StoreWorkload(progress, options.StoreSizes).RunAsync(backend, result),
                _ => new StandardWorkload(progress).RunAsync(backend, result),
            };
            await run.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BackendNotAvailableException e)
        {
            result.Error = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One failing backend must not lose the others' results.
            result.Error = $"failed: {e.GetType().Name}: {e.Message}";
            progress.Clear();
            Console.Error.WriteLine($"[{name}] {e}");
        }

        progress.Clear();
    }

    Console.WriteLine(ReportPrinter.Header());
    Console.WriteLine(ReportPrinter.ToTable(results));
    if (options.JsonPath is not null)
    {
        await ReportPrinter.WriteJsonAsync(options.JsonPath, options, results).ConfigureAwait(false);
        Console.WriteLine($"JSON written to {options.JsonPath}");
    }

    return results.Any(r => r.Error is not null && options.Backends.Count == 1) ? 1 : 0;
}

using Quickstart;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

return await QuickstartApp.RunAsync(args, Console.In, Console.Out, Console.Error, Environment.CurrentDirectory, stop.Token);

using Checkpoint.Cli;
using Checkpoint.Cli.Output;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var console = new CliConsole(Console.Out, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected);
return await new CliApp(console, Console.In, !Console.IsInputRedirected).RunAsync(args, stop.Token);

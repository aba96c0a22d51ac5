using Checkpoint;
using Checkpoint.ConformanceSuite;
using Checkpoint.Sqlite;
using Checkpoint.Sqlite.Tests;

// Writes checkpoints to one thread in a loop and prints "ack <checkpoint id> <step> ." after each put returns and
// "writes <checkpoint id> <step> ." after its pending write returns, flushed, so the parent knows exactly what was
// acknowledged when it kills this process.
//   --db <path> --thread <id> --tag <tag> [--count <n>] [--setup] [--writes] [--durability full|normal]
// With --setup-race alone it is one process of a rollout racing Setup instead: each line read from stdin is a database
// file whose saver and store it sets up at the same instant (see ProcessRace.ServeSetupsAsync).
if (args is ["--setup-race"])
{
    return await ProcessRace.ServeSetupsAsync(
        path => SqliteSaver.FromPath(path, new SqliteSaverOptions { BusyTimeout = TimeSpan.FromSeconds(60) }),
        path => SqliteStore.FromPath(path, new SqliteStoreOptions { BusyTimeout = TimeSpan.FromSeconds(60) }));
}

var arguments = ParseArguments(args);
var count = arguments.TryGetValue("count", out var countText) ? int.Parse(countText, System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue;
var tag = arguments["tag"];
var durability = arguments.GetValueOrDefault("durability") == "normal" ? SqliteDurability.Normal : SqliteDurability.Full;
Console.Out.WriteLine("starting");
try
{
    using var saver = SqliteSaver.FromPath(arguments["db"], new SqliteSaverOptions { Durability = durability, BusyTimeout = TimeSpan.FromSeconds(60) });
    if (arguments.ContainsKey("setup"))
    {
        saver.Setup();
    }

    Console.Out.WriteLine("ready");
    var versions = new Dictionary<string, string>(StringComparer.Ordinal);
    var parent = new RunConfig(arguments["thread"], string.Empty, null);
    for (var step = 0; step < count; step++)
    {
        var checkpoint = GraphCheckpoint.CreateEmpty(step);
        var newVersions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (channel, value) in WriterPayload.Values(tag, step))
        {
            checkpoint.ChannelValues[channel] = value;
            if (step == 0 || channel != WriterPayload.ConfigChannel)
            {
                versions[channel] = newVersions[channel] = saver.GetNextVersion(versions.GetValueOrDefault(channel));
            }
        }

        checkpoint.ChannelVersions = new Dictionary<string, string>(versions, StringComparer.Ordinal);
        var metadata = CheckpointMetadata.Create(CheckpointSource.Loop, step);
        metadata["writer"] = tag;
        var stored = saver.Put(parent, checkpoint, metadata, newVersions);
        Console.Out.WriteLine($"ack {checkpoint.Id} {step} .");
        if (arguments.ContainsKey("writes"))
        {
            saver.PutWrites(stored, [new ChannelWrite("owner", WriterPayload.WriteValue(tag, step))], $"task-{step}");
            Console.Out.WriteLine($"writes {checkpoint.Id} {step} .");
        }

        parent = stored;
    }

    Console.Out.WriteLine("done");
    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine($"error {e.GetType().FullName}: {e.Message}");
    return 1;
}

static Dictionary<string, string> ParseArguments(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        var name = args[i].TrimStart('-');
        result[name] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
    }

    return result;
}

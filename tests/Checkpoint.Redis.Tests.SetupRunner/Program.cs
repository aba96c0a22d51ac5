using Checkpoint.ConformanceSuite;
using Checkpoint.Redis;
using StackExchange.Redis;

// Usage: SetupRunner <StackExchange.Redis configuration>
// One process of a rollout racing Setup: each line read from stdin is a key prefix whose saver and store it sets up at
// the same instant (see ProcessRace.ServeSetupsAsync). Exits 0 at the end of input, 2 on bad usage.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Checkpoint.Redis.Tests.SetupRunner <configuration>");
    return 2;
}

// Connected before the race starts, so the race is between setups, not connections. Sixteen runtimes starting at once
// on a small machine can take longer than the client's 5 s defaults to connect and to answer.
var configuration = ConfigurationOptions.Parse(args[0]);
configuration.ConnectTimeout = 120_000;
configuration.SyncTimeout = 60_000;
configuration.AsyncTimeout = 60_000;
await using var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
return await ProcessRace.ServeSetupsAsync(
    prefix => new RedisSaver(connection, new RedisSaverOptions { KeyPrefix = prefix }),
    prefix => new RedisStore(connection, new RedisStoreOptions { KeyPrefix = prefix }));

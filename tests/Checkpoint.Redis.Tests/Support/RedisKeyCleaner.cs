using StackExchange.Redis;

namespace Checkpoint.Redis.Tests.Support;

/// <summary>Deletes every key under a prefix on every primary (keys of different slots are deleted one by one, pipelined).</summary>
public static class RedisKeyCleaner
{
    public static async Task DeleteByPrefixAsync(IConnectionMultiplexer connection, string prefix)
    {
        var database = connection.GetDatabase();
        var pattern = EscapeGlob(prefix) + "*";
        foreach (var server in connection.GetServers().Where(s => !s.IsReplica && s.IsConnected))
        {
            var pending = new List<Task>();
            await foreach (var key in server.KeysAsync(database.Database, pattern, pageSize: 1000))
            {
                pending.Add(database.KeyDeleteAsync(key));
            }

            await Task.WhenAll(pending);
        }
    }

    /// <summary>Lists every key under a prefix on every primary.</summary>
    public static async Task<List<RedisKey>> KeysAsync(IConnectionMultiplexer connection, string prefix)
    {
        var keys = new List<RedisKey>();
        foreach (var server in connection.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(connection.GetDatabase().Database, EscapeGlob(prefix) + "*", pageSize: 1000))
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    private static string EscapeGlob(string text) =>
        string.Concat(text.Select(c => c is '*' or '?' or '[' or ']' or '\\' ? "\\" + c : c.ToString()));
}

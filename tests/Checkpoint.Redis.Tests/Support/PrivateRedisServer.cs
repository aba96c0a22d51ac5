using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Checkpoint.Redis.Tests.Support;

/// <summary>
/// A redis-server of this test alone, on a free loopback port, with an append-only file fsynced on every write (so an
/// acknowledged write survives a kill). It can be killed (SIGKILL) and restarted on the same port and data.
/// </summary>
public sealed class PrivateRedisServer : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("checkpoint-redis-fault-").FullName;
    private Process? _process;

    private PrivateRedisServer(int port) => Port = port;

    public int Port { get; }

    public string EndPoint => $"127.0.0.1:{Port}";

    /// <summary>Starts a server, or returns <see langword="null"/> when no redis-server binary is installed.</summary>
    public static async Task<PrivateRedisServer?> TryStartAsync(CancellationToken cancellationToken)
    {
        var server = new PrivateRedisServer(FreePort());
        try
        {
            await server.StartAsync(cancellationToken);
            return server;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            await server.DisposeAsync();
            return null;
        }
    }

    /// <summary>Kills the server abruptly, as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Starts the server again on the same port and data directory.</summary>
    public Task RestartAsync(CancellationToken cancellationToken) => StartAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        _process?.Dispose();
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList =
            {
                "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--dir", _directory, "--save", string.Empty, "--appendonly", "yes", "--appendfsync", "always",
                "--daemonize", "no", "--logfile", Path.Combine(_directory, "redis.log"),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        await WaitUntilListeningAsync(cancellationToken);
    }

    // Polls the port with a deadline: a real process has to be waited for.
    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && _process is { HasExited: false })
            {
                await Task.Delay(25, cancellationToken);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

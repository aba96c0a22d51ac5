using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Checkpoint;

/// <summary>
/// A hosted service that calls <see cref="BaseStore.SweepExpiredAsync"/> every <see cref="StoreTtlOptions.SweepInterval"/>.
/// Register it with <c>services.AddStoreTtlSweeper()</c>.
/// </summary>
/// <remarks>
/// Expired items are never returned even without a sweeper; sweeping only reclaims their space. A failed sweep is
/// logged and retried at the next interval.
/// </remarks>
internal sealed partial class StoreTtlSweeper : BackgroundService
{
    private readonly BaseStore _store;
    private readonly ILogger _logger;

    /// <summary>Initializes the sweeper.</summary>
    /// <param name="store">The store to sweep.</param>
    /// <param name="logger">A logger; nothing is logged when <see langword="null"/>.</param>
    public StoreTtlSweeper(BaseStore store, ILogger<StoreTtlSweeper>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Gets the time between sweeps.</summary>
    public TimeSpan Interval => _store.Options.Ttl?.SweepInterval ?? TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _store.Options.TimeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var removed = await _store.SweepExpiredAsync(stoppingToken).ConfigureAwait(false);
                if (removed > 0)
                {
                    LogSwept(removed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(e);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Removed {Count} expired store items.")]
    private partial void LogSwept(int count);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Sweeping expired store items failed; retrying at the next interval.")]
    private partial void LogSweepFailed(Exception exception);
}

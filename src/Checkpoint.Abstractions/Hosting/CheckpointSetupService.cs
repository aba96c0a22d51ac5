using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Checkpoint;

/// <summary>
/// A hosted service that runs <c>SetupAsync</c> on the registered <see cref="BaseCheckpointSaver"/> and
/// <see cref="BaseStore"/> when the host starts, so migrations are applied before the first request.
/// Register it with <c>services.AddCheckpointSetupOnStartup()</c>.
/// </summary>
/// <param name="services">The service provider.</param>
internal sealed class CheckpointSetupService(IServiceProvider services) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<BaseCheckpointSaver>() is { } saver)
        {
            await saver.SetupAsync(cancellationToken).ConfigureAwait(false);
        }

        if (services.GetService<BaseStore>() is { } store)
        {
            await store.SetupAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

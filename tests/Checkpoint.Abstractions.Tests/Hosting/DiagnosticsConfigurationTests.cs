using Checkpoint.ConformanceSuite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Abstractions.Tests.Hosting;

/// <summary>Registration defaults: the container's logger factory reaches the store's logs, and the provider-aware callback runs after the defaults.</summary>
public sealed class DiagnosticsConfigurationTests
{
    [Fact]
    public void A_registered_logger_factory_receives_the_store_logs()
    {
        var logs = new RecordingLoggerFactory();
        using var provider = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(logs)
            .AddInMemoryStore(options => options.Diagnostics!.SlowOperationThreshold = TimeSpan.Zero)
            .BuildServiceProvider();

        provider.GetRequiredService<BaseStore>().Put(["memories", "a"], "k", new System.Text.Json.Nodes.JsonObject { ["v"] = 1 });

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Slow put", StringComparison.Ordinal));
    }

    [Fact]
    public void The_provider_aware_callback_sees_the_container_defaults_and_can_override_them()
    {
        var logs = new RecordingLoggerFactory();
        var seen = (ILoggerFactory?)null;
        using var provider = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(logs)
            .AddStore<InMemoryStore, StoreOptions>(
                (sp, options) =>
                {
                    seen = options.Diagnostics?.LoggerFactory;
                    options.Diagnostics = new CheckpointDiagnosticsOptions { LoggerFactory = sp.GetRequiredService<ILoggerFactory>(), SlowOperationThreshold = Timeout.InfiniteTimeSpan };
                },
                (_, options) => new InMemoryStore(options))
            .BuildServiceProvider();

        var store = provider.GetRequiredService<BaseStore>();

        Assert.Same(logs, seen);
        Assert.Equal(Timeout.InfiniteTimeSpan, store.Options.Diagnostics!.SlowOperationThreshold);
    }
}

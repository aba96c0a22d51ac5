using Checkpoint.ConformanceSuite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Checkpoint.Sqlite.Tests;

/// <summary>The registration helpers wire the saver, the store, their options and the TTL sweeper.</summary>
public sealed class DependencyInjectionTests : IDisposable
{
    private readonly TempFolder _folder = new("di");

    [Fact]
    public async Task AddSqliteCheckpointSaver_registers_one_configured_saver_that_the_container_disposes()
    {
        var serializer = new JsonCheckpointSerializer();
        var services = new ServiceCollection()
            .AddSingleton<ICheckpointSerializer>(serializer)
            .AddSqliteCheckpointSaver($"Data Source={_folder.NewFile("di")}", o => o.BusyTimeout = TimeSpan.FromSeconds(5));

        SqliteSaver saver;
        await using (var provider = services.BuildServiceProvider())
        {
            saver = provider.GetRequiredService<SqliteSaver>();
            Assert.Same(saver, provider.GetRequiredService<BaseCheckpointSaver>());
            Assert.Same(serializer, saver.Serializer);
            Assert.Equal(TimeSpan.FromSeconds(5), saver.Options.BusyTimeout);
            await saver.SetupAsync(TestContext.Current.CancellationToken);
            await saver.PutAsync(TestData.Config("thread"), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions(), TestContext.Current.CancellationToken);
        }

        Assert.Throws<ObjectDisposedException>(() => saver.GetTuple(TestData.Config("thread")));
    }

    [Fact]
    public async Task AddSqliteStore_uses_the_registered_clock_and_chains_the_ttl_sweeper()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSqliteStore($"Data Source={_folder.NewFile("di")}", o => o.Ttl = new StoreTtlOptions { DefaultTtl = TimeSpan.FromMinutes(1) })
            .AddStoreTtlSweeper();
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<SqliteStore>();
        await store.SetupAsync(TestContext.Current.CancellationToken);
        await store.PutAsync(["notes"], "k", new() { ["text"] = "short-lived" }, cancellationToken: TestContext.Current.CancellationToken);
        var item = await store.GetAsync(["notes"], "k", cancellationToken: TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Same(store, provider.GetRequiredService<BaseStore>());
        Assert.Equal(clock.GetUtcNow() - TimeSpan.FromMinutes(2), item!.CreatedAt);
        Assert.Single(provider.GetServices<IHostedService>());
        Assert.Null(await store.GetAsync(["notes"], "k", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(1, await store.SweepExpiredAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, SqliteQueries.Scalar(store.DataSource, "SELECT count(*) FROM store"));
    }

    public void Dispose() => _folder.Dispose();
}

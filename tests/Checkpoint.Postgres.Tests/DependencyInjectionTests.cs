using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Xunit;

namespace Checkpoint.Postgres.Tests;

/// <summary>Registration in a service collection, from a connection string or a data source in DI, and the hosted TTL sweeper.</summary>
public sealed class DependencyInjectionTests : PostgresTest
{
    [Fact]
    public async Task A_connection_string_registration_resolves_one_working_saver_and_store_that_own_their_data_sources()
    {
        var database = CreateDatabase();
        var services = new ServiceCollection()
            .AddPostgresCheckpointSaver(Server.ConnectionString, o => o.SchemaName = database.Schema)
            .AddPostgresStore(Server.ConnectionString, o => o.SchemaName = database.Schema)
            .AddCheckpointSetupOnStartup();
        PostgresSaver saver;
        await using (var provider = services.BuildServiceProvider())
        {
            foreach (var hosted in provider.GetServices<IHostedService>())
            {
                await hosted.StartAsync(CancellationToken);
            }

            saver = provider.GetRequiredService<PostgresSaver>();
            Assert.Same(saver, provider.GetRequiredService<BaseCheckpointSaver>());
            Assert.Same(provider.GetRequiredService<PostgresStore>(), provider.GetRequiredService<BaseStore>());
            var stored = await PutStepAsync(saver, NewThreadId(), null, 0);
            Assert.NotNull(await saver.GetTupleAsync(stored, CancellationToken));
            await provider.GetRequiredService<BaseStore>().PutAsync(["di"], "k", new JsonObject { ["v"] = 1 }, null, null, CancellationToken);
        }

        // Disposing the container disposed the saver and the data source it built.
        await Assert.ThrowsAsync<ObjectDisposedException>(() => saver.GetTupleAsync(new RunConfig(NewThreadId()), CancellationToken));
    }

    [Fact]
    public async Task A_data_source_registered_in_di_is_shared_and_not_disposed_by_the_saver()
    {
        var database = CreateDatabase();
        var services = new ServiceCollection()
            .AddSingleton(_ => NpgsqlDataSource.Create(Server.ConnectionString))
            .AddPostgresCheckpointSaver(o => o.SchemaName = database.Schema)
            .AddPostgresStore(o => o.SchemaName = database.Schema);
        await using var provider = services.BuildServiceProvider();
        var dataSource = provider.GetRequiredService<NpgsqlDataSource>();
        var saver = provider.GetRequiredService<PostgresSaver>();
        var store = provider.GetRequiredService<PostgresStore>();

        Assert.Same(dataSource, saver.DataSource);
        Assert.Same(dataSource, store.DataSource);
        await saver.SetupAsync(CancellationToken);
        await saver.DisposeAsync();
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken);
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }

    [Fact]
    public async Task The_hosted_ttl_sweeper_deletes_expired_items_from_postgres()
    {
        var database = CreateDatabase();
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(_ => NpgsqlDataSource.Create(Server.ConnectionString))
            .AddPostgresStore(o =>
            {
                o.SchemaName = database.Schema;
                o.Ttl = new StoreTtlOptions { SweepInterval = TimeSpan.FromMinutes(1) };
            })
            .AddStoreTtlSweeper();
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<BaseStore>();
        await store.SetupAsync(CancellationToken);
        await store.PutAsync(["ttl"], "short", new JsonObject(), null, TimeSpan.FromSeconds(30), CancellationToken);
        await store.PutAsync(["ttl"], "forever", new JsonObject(), null, null, CancellationToken);
        var sweeper = Assert.Single(provider.GetServices<IHostedService>());
        await sweeper.StartAsync(CancellationToken);
        try
        {
            // The sweeper's loop starts on its own task (its timer may not exist yet) and sweeps against the real
            // server: keep moving the fake clock by one interval and poll the effect, with a deadline.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (await ScalarAsync<long>($"SELECT count(*) FROM \"{database.Schema}\".store") > 1)
            {
                Assert.True(DateTime.UtcNow < deadline, "The sweeper did not delete the expired item.");
                clock.Advance(TimeSpan.FromMinutes(1));
                await Task.Delay(20, CancellationToken);
            }

            Assert.Equal("forever", await ScalarAsync<string>($"SELECT key FROM \"{database.Schema}\".store"));
        }
        finally
        {
            await sweeper.StopAsync(CancellationToken);
        }
    }
}

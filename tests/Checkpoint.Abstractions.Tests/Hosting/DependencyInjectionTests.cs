using Checkpoint.ConformanceSuite;
using Checkpoint.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Checkpoint.Abstractions.Tests.Hosting;

public sealed class DependencyInjectionTests
{
    [Fact]
    public void In_memory_saver_and_store_resolve_as_singletons_through_their_abstractions()
    {
        using var provider = new ServiceCollection().AddInMemoryCheckpointSaver().AddInMemoryStore().BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<InMemorySaver>(), provider.GetRequiredService<BaseCheckpointSaver>());
        Assert.Same(provider.GetRequiredService<InMemoryStore>(), provider.GetRequiredService<BaseStore>());
        Assert.Same(provider.GetRequiredService<BaseStore>(), provider.GetRequiredService<BaseStore>());
    }

    [Fact]
    public void A_registered_serializer_and_clock_are_used()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var serializer = new EncryptedSerializer(JsonCheckpointSerializer.Default, new byte[32]);
        using var provider = new ServiceCollection()
            .AddSingleton<ICheckpointSerializer>(serializer)
            .AddSingleton<TimeProvider>(clock)
            .AddInMemoryCheckpointSaver()
            .AddInMemoryStore()
            .BuildServiceProvider();

        Assert.Same(serializer, provider.GetRequiredService<BaseCheckpointSaver>().Serializer);
        Assert.Same(clock, provider.GetRequiredService<BaseStore>().Options.TimeProvider);
    }

    [Fact]
    public void A_keyed_saver_prefers_the_serializer_and_generator_registered_under_its_key()
    {
        var unkeyed = new JsonCheckpointSerializer();
        var keyed = new JsonCheckpointSerializer();
        var generator = new FakeEmbeddingGenerator(8);
        using var provider = new ServiceCollection()
            .AddSingleton<ICheckpointSerializer>(unkeyed)
            .AddKeyedSingleton<ICheckpointSerializer>("tenant", keyed)
            .AddKeyedSingleton<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>("tenant", generator)
            .AddKeyedInMemoryCheckpointSaver("tenant")
            .AddKeyedInMemoryCheckpointSaver("other")
            .AddKeyedInMemoryStore("tenant", (_, o) => o.Index = new StoreIndexOptions { Dimensions = 8 })
            .BuildServiceProvider();

        Assert.Same(keyed, provider.GetRequiredKeyedService<BaseCheckpointSaver>("tenant").Serializer);
        Assert.Same(unkeyed, provider.GetRequiredKeyedService<InMemorySaver>("other").Serializer);
        Assert.Same(generator, provider.GetRequiredKeyedService<BaseStore>("tenant").Options.Index!.EmbeddingGenerator);
    }

    [Fact]
    public async Task Setup_on_startup_runs_setup_for_the_registered_saver_and_store()
    {
        var checkpoints = new InMemoryCheckpointDatabase();
        var items = new InMemoryStoreDatabase();
        using var provider = new ServiceCollection()
            .AddCheckpointSaver(_ => new InMemorySaver(checkpoints))
            .AddStore(_ => new InMemoryStore(items))
            .AddCheckpointSetupOnStartup()
            .BuildServiceProvider();

        foreach (var service in provider.GetServices<IHostedService>())
        {
            await service.StartAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(InMemorySaver.CurrentSchemaVersion, checkpoints.SchemaVersion);
        Assert.Equal(InMemoryStore.CurrentSchemaVersion, items.SchemaVersion);
    }

    [Fact]
    public async Task Ttl_sweeper_removes_expired_items_on_each_interval()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new InMemoryStore(new StoreOptions { TimeProvider = clock, Ttl = new StoreTtlOptions { SweepInterval = TimeSpan.FromMinutes(1) } });
        StoreNamespace ns = ["sweeper"];
        store.Put(ns, "short", new() { ["v"] = 1 }, ttl: TimeSpan.FromSeconds(30));
        store.Put(ns, "long", new() { ["v"] = 2 }, ttl: TimeSpan.FromHours(1));
        using var sweeper = new StoreTtlSweeper(store);
        await sweeper.StartAsync(TestContext.Current.CancellationToken);

        // The sweeper's timer starts on a background thread, so keep moving the fake clock until it has swept.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (store.Database.Items.Count > 1 && DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await sweeper.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["long"], store.Database.Items.All.Select(i => i.Key));
    }

    [Fact]
    public void Fake_embeddings_rank_overlapping_texts_higher()
    {
        var embedder = new FakeEmbeddingGenerator();

        var query = embedder.Embed("favourite food pizza");

        Assert.True(VectorMath.CosineSimilarity(query, embedder.Embed("my favourite food is pizza"))
                    > VectorMath.CosineSimilarity(query, embedder.Embed("the weather is nice")));
    }
}
